//! The library on real pages: the corpus pass on syndication output, HTML with
//! broken markup, sentences of a body block. Fixtures: tests/fixtures/segment/
//! of the workspace (sources and terms in build.py there).

use copydesk_segment::{
    split_sentences, Block, CorpusStats, DocContext, Input, Label, Segmenter, StatsConfig,
};
use serde_json::Value;
use std::path::PathBuf;

fn fixture(name: &str) -> Vec<Value> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/segment")
        .join(name);
    std::fs::read_to_string(&p)
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

/// Each text as an HTML paragraph.
fn paragraphs(ps: &[&str]) -> String {
    ps.iter().map(|p| format!("<p>{p}</p>")).collect()
}

/// The label of the first block whose text starts with `t`.
fn label_of(blocks: &[Block], t: &str) -> Option<Label> {
    blocks
        .iter()
        .find(|b| b.text.starts_with(t))
        .map(|b| b.label)
}

fn str_of<'a>(v: &'a Value, k: &str) -> &'a str {
    v[k].as_str().unwrap_or_default()
}

/// The corpus pass over `docs` (fields `text` and `source`).
fn corpus_stats(seg: &Segmenter, docs: &[Value]) -> CorpusStats {
    let mut stats = CorpusStats::new(StatsConfig {
        width_log2: 16,
        depth: 4,
        max_sources: 1024,
    });
    for d in docs {
        seg.observe(
            &mut stats,
            Input::Text(str_of(d, "text")),
            Some(str_of(d, "source")),
        );
    }
    stats
}

#[test]
fn corpus_pass_finds_template_lines_of_each_outlet() {
    let docs = fixture("synd.jsonl");
    let gold = fixture("synd.gold.jsonl");
    let seg = Segmenter::default();
    let stats = corpus_stats(&seg, &docs);
    assert_eq!(stats.docs(), docs.len() as u64);
    let (mut template, mut caught, mut body, mut kept) = (0, 0, 0, 0);
    for d in &docs {
        let ctx = DocContext {
            source: Some(str_of(d, "source")),
            title: None,
            stats: Some(&stats),
        };
        let blocks = seg.segment(Input::Text(str_of(d, "text")), &ctx);
        let label_of = |line: &str| {
            blocks
                .iter()
                .find(|b| b.text.contains(line))
                .map(|b| b.label)
        };
        for g in gold.iter().filter(|g| g["id"] == d["id"]) {
            let line = str_of(g, "text");
            match str_of(g, "label") {
                "boilerplate" | "related" => {
                    template += 1;
                    caught += usize::from(matches!(
                        label_of(line),
                        Some(Label::Boilerplate | Label::Related)
                    ));
                }
                "body" => {
                    body += 1;
                    kept += usize::from(label_of(line) == Some(Label::Body));
                }
                _ => {}
            }
        }
    }
    assert!(
        caught * 100 >= template * 90,
        "template lines caught: {caught}/{template}"
    );
    assert!(kept * 100 >= body * 95, "body lines kept: {kept}/{body}");
}

#[test]
fn broken_html_keeps_its_article() {
    let para = "The council voted on Tuesday to close the old bridge to traffic for repairs, officials said, after engineers found cracks in two of its supports.";
    for broken in [
        format!("<html><body><div class=nav><a href=/>Home</a></div><!-- ad slot <div class=story><p>{para}</p><p>{para}</p></div></body></html>"),
        format!("<html><body><script>var x = 1;\n<div class=story><p>{para}</p><p>{para}</p></div></body></html>"),
        format!("<html><body><div class=story><p>{para}<p>{para}</div></span></b></body>"),
    ] {
        let blocks = Segmenter::default().segment(Input::Html(&broken), &DocContext::default());
        let body: Vec<&str> = blocks.iter().filter(|b| b.label == Label::Body).map(|b| b.text.as_str()).collect();
        assert_eq!(body, [para, para], "{broken}");
    }
}

#[test]
fn html_figure_caption_and_credit_are_not_body() {
    let para = "Officials said the talks would continue on Wednesday in Geneva, where both delegations have been meeting since the start of the month.";
    let html = format!(
        "<html><head><title>Talks to resume in Geneva - Example News</title></head><body><header><nav><a href=/>Home</a> | <a href=/world>World</a></nav></header>\
         <article><h1>Talks to resume in Geneva</h1><p class=byline>By Jane Doe</p><time>June 3, 2019 10:02 AM</time>\
         <figure><img src=x.jpg><figcaption>Delegates arrive at the Palais des Nations in Geneva on Monday.</figcaption><span class=credit>Jane Roe/Reuters</span></figure>\
         <p>{para}</p><p>{para}</p><p>{para}</p></article><footer><p>© 2019 Example News. All rights reserved.</p></footer></body></html>"
    );
    let blocks = Segmenter::default().segment(Input::Html(&html), &DocContext::default());
    let label = |t: &str| label_of(&blocks, t);
    assert_eq!(label("Talks to resume"), Some(Label::Headline));
    assert_eq!(label("By Jane Doe"), Some(Label::Byline));
    assert_eq!(label("June 3, 2019"), Some(Label::Dateline));
    assert_eq!(label("Delegates arrive"), Some(Label::Caption));
    assert_eq!(label("Jane Roe/Reuters"), Some(Label::Credit));
    assert_eq!(label("Officials said"), Some(Label::Body));
    assert_eq!(label("©"), Some(Label::Boilerplate));
    assert_eq!(label("Home"), Some(Label::Boilerplate));
    // Inline tags do not split words.
    let blocks = Segmenter::default().segment(
        Input::Html("<p>Hel<b>lo</b> wor<i>ld</i> again</p>"),
        &DocContext::default(),
    );
    assert_eq!(blocks[0].text, "Hello world again");
}

#[test]
fn body_blocks_split_into_sentences() {
    let docs = fixture("seed.jsonl");
    let blocks = Segmenter::default().segment(
        Input::Text(str_of(&docs[0], "text")),
        &DocContext::default(),
    );
    let dateline = blocks
        .iter()
        .find(|b| b.text.starts_with("MOSCOW (Sputnik)"))
        .expect("dateline paragraph");
    let sentences = split_sentences(&dateline.text);
    assert!(
        sentences[0].starts_with("MOSCOW (Sputnik)\u{a0}— Lavrov is scheduled to\u{a0}meet"),
        "{sentences:?}"
    );
    assert!(
        sentences[0].ends_with("Rex Tillerson on\u{a0}Wednesday."),
        "{sentences:?}"
    );
    assert!(sentences.len() >= 2);
}

#[test]
fn stop_words_are_chosen_per_page() {
    // German and French pages: prose is recognised by their own stop words.
    for text in [
        "Startseite | Politik | Wirtschaft\n\nRegierung verschiebt Entscheidung\n\nDie Regierung hat am Dienstag angekündigt, dass die Entscheidung über das neue Gesetz auf den Herbst verschoben wird, weil noch viele Fragen offen sind.\n\nNach Angaben des Ministeriums sollen die Gespräche mit den Ländern in der nächsten Woche fortgesetzt werden, bevor der Entwurf in den Bundestag kommt.\n",
        "Accueil | Politique | Économie\n\nLe gouvernement repousse sa décision\n\nLe gouvernement a annoncé mardi que la décision sur la nouvelle loi serait repoussée à l'automne, car de nombreuses questions restent ouvertes selon le ministère.\n\nSelon le ministère, les discussions avec les régions doivent reprendre la semaine prochaine, avant que le texte ne soit présenté aux députés.\n",
    ] {
        let blocks = Segmenter::default().segment(Input::Text(text), &DocContext::default());
        let labels: Vec<Label> = blocks.iter().map(|b| b.label).collect();
        assert_eq!(labels, [Label::Boilerplate, Label::Headline, Label::Body, Label::Body], "{text}");
    }
}

/// Text from a Scrapinghub benchmark page (beachbodyondemand.com meal plan)
/// and teasers from another (washingtonexaminer.com), in reduced markup: short
/// lines between the article's paragraphs are the article's; linked headline,
/// date, short paragraph, twice after the article, is a teaser list.
#[test]
fn html_short_lines_inside_the_article_stay_and_teasers_go() {
    let p1 = "If you’ve done 80 Day Obsession with Autumn Calabrese, you’ve seen firsthand how her Timed-Nutrition Meal Plan can help you reach your goals, and it is easier than you think to prepare for the week.";
    let p2 = "A Little More Obsessed follows the same nutrition plan, so you can simply use the Phase 1 calculation from 80 Day Obsession to find the eating plan that is right for you.";
    let p3 = "This meal plan works for both 80 Day Obsession and A Little More Obsessed, so no need to figure out a whole new set of meals when you move from one program to the other.";
    let t1 = "Our family always celebrates anniversaries, but not this week. A year ago Tuesday, our father was arrested in Tokyo and has not been home since.";
    let t2 = "Wednesday night, the country’s most liberal Democrats will descend on my home state of Georgia and flood the airwaves with their agenda.";
    let html = format!(
        "<html><body><div class=nav><a href=/>Home</a></div><div id=page><div class=post>\
         <h1>Meal Prep for A Little More Obsessed</h1><p>{p1}</p><p>{p2}</p>\
         <table><tr><td>Meal 1</td><td>Portion Fix Containers: 1 Purple</td></tr></table>\
         <p>{p3}</p>\
         <h3><a href=/a>Carlos Ghosn and the dark side of Japanese justice</a></h3><div>Wednesday November 20, 2019</div><p>{t1}</p>\
         <h3><a href=/b>Sen. David Perdue: Democrats’ socialist agenda would kill the American dream</a></h3><div>Wednesday November 20, 2019</div><p>{t2}</p></div>\
         </div></body></html>"
    );
    let blocks = Segmenter::default().segment(Input::Html(&html), &DocContext::default());
    let label = |t: &str| label_of(&blocks, t);
    assert_eq!(label("Meal Prep for"), Some(Label::Headline));
    for t in [p1, p2, p3, "Meal 1", "Portion Fix Containers"] {
        assert_eq!(label(t), Some(Label::Body), "{t}");
    }
    assert_eq!(label("Our family"), Some(Label::Related));
    assert_eq!(label("Wednesday night"), Some(Label::Related));
}

#[test]
fn one_reading_labels_with_and_without_corpus_statistics() {
    let docs = fixture("synd.jsonl");
    let seg = Segmenter::default();
    let stats = corpus_stats(&seg, &docs);
    let mut differ = 0;
    for d in &docs {
        let input = Input::Text(str_of(d, "text"));
        let with = DocContext {
            source: Some(str_of(d, "source")),
            title: None,
            stats: Some(&stats),
        };
        let without = DocContext {
            stats: None,
            ..with
        };
        let (a, b) = seg.segment_with_and_without_stats(input, &with);
        let b = b.expect("statistics were given");
        assert_eq!(a, seg.segment(input, &with));
        assert_eq!(b, seg.segment(input, &without));
        differ += usize::from(a != b);
        assert_eq!(seg.segment_with_and_without_stats(input, &without).1, None);
    }
    // The statistics change labels on some pages (template lines), or this
    // test would not tell the two apart.
    assert!(differ > 0);
}

/// Text from a Scrapinghub benchmark page (wired.com), in reduced markup: the
/// article's first paragraphs sit in one box, an ad row follows, the rest in
/// a second box of the same class. The box holding most of the prose is chosen
/// as the article; the lead before the ad is the article's too, while the
/// standfirst above it, in other markup, stays out.
#[test]
fn html_article_split_by_an_ad_keeps_its_lead() {
    let paras = [
        "So-called neo-banks, or challenger banks, have been all the rage in Europe and Australia for the past few years. Now they’re starting to get attention here in the US, with names like Chime, Varo, SoFi, Current, GoBank, and even—heaven help us— booyah!.",
        "These neo-banks have been trying to make money in the usual ways: By taking a cut of credit or debit card transactions, collecting interest on consumer deposits, and making loans. The usual banking stuff.",
        "In fact, the idea that the solution to our financial woes can be found in a more convenient, higher-tech, friendlier-named digital bank feels a little like the last story we heard from the tech industry: That the very idea of work could be disrupted by a bunch of apps, too.",
        "The same business logic—that you’re trapped in a sad, hellish existence dictated by megacorporations, and tech can free you like Neo from the Matrix—underlies the entire gig economy. It’s the basis for another tech veneer, this one layered over people’s inability to find meaningful work for reasonable pay.",
        "In fact, we can use the evolution of the gig economy as a case study for how the latest wave of banking disruption might play out, and it is not a story that ends well for the people it promised to help.",
        "There was a lot that was appealing about the gig economy at first. Those Uber “side hustle” commercials were so relatable, and it was easy to believe that driving a few hours a week would help pay the bills.",
        "It was only scale, and the hard realities of American economics, that made these things look a little less convenient for the people doing the work, and a lot more convenient for the companies behind them.",
        "I’d like to think the mission-driven companies flooding into the US market for financial services will be better, but there are two problems with this potential disruption, and neither of them is new.",
    ];
    let dek = "The latest wave of tech-based financial startups have a new angle on the banking sector, and it is that they will assume that everyone is out of money.";
    let html = format!(
        "<html><body><div class=nav><a href=/>Home</a></div><article>\
         <header><h1>The Future of Banking Is … You're Broke</h1><div class=dek><p>{dek}</p></div></header>\
         <div class=grid><div class=\"body body__container\">{}</div><div class=aside></div></div>\
         <div class=\"row full-bleed-ad\"><div class=ad><span class=ad-label>Advertisement</span></div></div>\
         <div class=grid><div class=\"body body__container\">{}</div><div class=aside></div></div>\
         </article></body></html>",
        paragraphs(&paras[..2]),
        paragraphs(&paras[2..]),
    );
    let blocks = Segmenter::default().segment(Input::Html(&html), &DocContext::default());
    let label = |t: &str| label_of(&blocks, t);
    for p in paras {
        assert_eq!(label(p), Some(Label::Body), "{p}");
    }
    assert_ne!(label(dek), Some(Label::Body));
    assert_eq!(label("Advertisement"), Some(Label::Boilerplate));
}

/// Text from a Scrapinghub benchmark page (rt.com), in reduced markup: the
/// lead sits in a summary box of its own between the share bar and the box
/// of the other paragraphs. Nothing parts it from the article's prose, so it
/// is the article's; the photo caption above the share bar is not.
#[test]
fn html_lead_in_its_own_box_next_to_the_article_is_body() {
    let lead = "Three people have died during protests in Bolivia against the self-declared “interim” government that ousted Evo Morales, after violent clashes erupted between the socialist leader’s supporters and security forces.";
    let paras = [
        "In addition to the three fatalities at a fuel plant on Tuesday, Bolivia’s public defender’s office said another 30 people had been injured in the skirmishes, but added the exact circumstances of the deaths and injuries remained unclear.",
        "Public Ombudsman Nadia Cruz’s office said the deaths were caused by gunshot wounds and called on the “interim” government to withdraw military units from all policing operations in order to reduce the violence.",
        "An Associated Press journalist in the area also reported hearing gunfire near the fuel facility in Senkata, which protesters have tried to block over the last five days in an attempt to shut down operations, as well as seeing a military helicopter flying over the plant.",
        "A doctor on the scene told Ruptly that he tried to save one of the wounded demonstrators, but failed to do so.",
    ];
    let caption = "A cyclist rides next to a blocked petrol plant of Senkata in the outskirts of La Paz, Bolivia, November 19, 2019.";
    let html = format!(
        "<html><body><div class=nav><a href=/>Home</a></div><div class=article>\
         <h1 class=article__heading>‘He died in my hands’: 3 pro-Morales demonstrators killed in clashes with Bolivia’s police</h1>\
         <div class=media><div class=media__title><span>{caption}</span> <span>© Reuters / David Mercado</span></div></div>\
         <div class=article__share><span>Follow RT on</span></div>\
         <div class=\"article__summary summary\">{lead}</div>\
         <div class=\"article__text text\">{}</div>\
         </div></body></html>",
        paragraphs(&paras),
    );
    let blocks = Segmenter::default().segment(Input::Html(&html), &DocContext::default());
    let label = |t: &str| label_of(&blocks, t);
    assert_eq!(label(lead), Some(Label::Body));
    for p in paras {
        assert_eq!(label(p), Some(Label::Body), "{p}");
    }
    assert_ne!(label(caption), Some(Label::Body));
}

/// Text from a Scrapinghub benchmark page (indiapost.com), in reduced markup:
/// a "breaking news" ticker of teasers (a linked headline running on into a
/// summary cut off with "...") above the article, holding more prose than the
/// article itself. The teasers are other stories; the article is the body.
#[test]
fn html_ticker_of_cut_off_teasers_above_the_article_is_related() {
    let teasers = [
        ("USCIRF expresses concern over NRC, says 1.9 million Assam residents may soon be deemed stateless", "WASHINGTON: Expressing concern over the NRC exercise in Assam, an independent, bipartisan US government entity has said that close to two million long-time residents of the Indian state may soon..."),
        ("Indian-origin man pleads guilty to fraud scheme in US", "NEW YORK: An Indian-origin man has pleaded guilty to theft, embezzlement and misapplication of bank funds in connection with a fraud scheme to illegally make loans. Raminder Singh Rekhi, 41,..."),
        ("UN ‘regrets’ new US position on legality of Israeli settlements", "UNITED NATIONS: United Nations Secretary General Antonio Guterres has regretted the announcement made by the Trump administration that it no longer believes the Israeli settlements in the Palestinian territories are..."),
        ("Internet in Kashmir after local admn feels it is fit to do so: HM", "NEW DELHI: Home Minister Amit Shah on Wednesday said in Rajya Sabha that the government will restore Internet connection in Kashmir as soon as the local administration feels it is..."),
        ("Imran Khan-led govt’s days are numbered: warns Pak cleric Fazlur Rehman", "KARACHI: Firebrand cleric-cum-politician Maulana Fazlur Rehman has fired a fresh salvo at Prime Minister Imran Khan, saying the “Gorbachev of Pakistan” was heading a government that has its days numbered...."),
        ("SC asks Kerala govt to come out with exclusive law for administration of Sabarimala temple", "NEW DELHI: The Supreme Court Wednesday asked the Kerala government to come out with an exclusive legislation regarding the administration of the historic Sabarimala temple. A bench headed by Justice..."),
        ("PM must intervene, govt should give full disclosure about electoral bonds in Parliament: Cong", "NEW DELHI: The Congress on Wednesday demanded Prime Minister Narendra Modi’s intervention and urged the government to disclose all details about electoral bonds before Parliament. “What we are talking about..."),
        ("All schools, colleges in J-K open; attendance 98pc: Govt", "NEW DELHI: All schools and colleges are now open in Jammu and Kashmir and there is 98 per cent attendance in these institutions, the government told Parliament on Wednesday. It..."),
    ];
    let paras = [
        "NEW DELHI: Their American dream shattered and huge savings wasted, nearly 150 Indians returned home broke on Wednesday after being deported for either violating visa norms or illegally entering the United States. As they stepped outside the airport, one after the other, they appeared sad. Some said they felt dejected that they could not realise their American dream even after several attempts.",
        "“This was the fourth time I have been deported,” said Singh Jabarjung, 24, from Punjab’s Bhatinda.",
        "He said he has spent Rs 24 lakh in the four attempts and Rs 40 lakh on advocacy. Lakshiwnder Singh, another deportee, said he had given Rs 25 lakh to an Amritsar-based agent to help him enter the US.",
        "The special aircraft carrying the deportees landed at the T3 terminal of the Delhi airport at 6am, an airport official said. The aircraft reached India via Bangladesh. Following paper work with the immigration department, the deportees have started coming out of the airport.",
        "On October 18, more than 300 Indians, including one woman, were deported by Mexican immigration authorities for illegally entering the country to sneak into the US. PTI",
    ];
    let items: String = teasers
        .iter()
        .map(|(head, summary)| {
            format!("<li><a href=\"/story\">{head}</a> <span>{summary}</span></li>")
        })
        .collect();
    let html = format!(
        "<html><body><div class=content><div class=main-content-left>\
         <div class=breaking-news><div class=breaking-title><b>Breaking News</b></div>\
         <div class=breaking-block><ul>{items}</ul></div></div>\
         <div class=main-article-content><h2 class=article-title>With shattered dreams, deportees return home from US</h2>\
         <div class=shortcode-content>{}</div></div>\
         </div></div></body></html>",
        paragraphs(&paras),
    );
    let blocks = Segmenter::default().segment(Input::Html(&html), &DocContext::default());
    let label = |t: &str| label_of(&blocks, t);
    for p in paras {
        assert_eq!(label(p), Some(Label::Body), "{p}");
    }
    for (head, _) in teasers {
        assert_ne!(label(head), Some(Label::Body), "{head}");
    }
}

/// Text from a Scrapinghub benchmark page (morebikes.co.uk), in reduced
/// markup: the article's paragraphs and the page's footer share one wrapper,
/// so the footer's site blurb (prose) lies inside the article's container.
/// Past the footer menu, and inside <footer>, it is the site's, not the
/// article's, though it has more than a fifth of the article's words.
#[test]
fn html_footer_blurb_far_below_the_article_is_boilerplate() {
    let paras = [
        "If you want a book that makes you feel great about being a biker, this is it. The 180 page coffee-table publication comes with a 10-inch vinyl featuring seven classic rock tracks, including Born to be Wild and The Road to Hell. While we all know vinyl is best, there’s also a download code to get all the tracks as 256kps MP3s.",
        "As I write this review, listening to the Bike & Style soundtrack and flicking through the book again, the idea, from Ear Books in Germany, makes brilliant sense. Classic rock may seem something of a cliché for bikers, but looking at shots of Freddie Spencer and Evel Knievel whilst listening to Steppenwolf makes me want to get out on the bike.",
        "There are some stunning photos in the book, but it’s disappointing to also find a few low-resolution images spoiling the quality impression, as well as some design touches that intrude a little too much.",
    ];
    let blurb = "morebikes.co.uk features the latest bike reviews news events and kit get latest bike launch reports as they happen kit reviews events know-how and compelling blogs to enjoy every day you’ll find a mixture of the best photography great videos and the hottest kit news before anyone else.";
    let menu: String = [
        "A nod from the editor",
        "Terms and conditions",
        "Privacy Policy",
        "Sitemap",
        "Advertise",
        "Contact editorial",
        "Motor Cycle Monthly",
        "Read on-line",
        "Bikes for sale",
        "Kit reviews",
        "Latest issue",
    ]
    .iter()
    .map(|t| format!("<li><a href=\"/x\">{t}</a></li>"))
    .collect();
    let html = format!(
        "<html><body><div id=page class=site>\
         <h1 class=entry-title>Bike &amp; Style book with soundtrack review</h1>{}\
         <div><ul>{menu}</ul></div>\
         <footer class=site-footer><div class=site-info>{blurb}</div></footer>\
         </div></body></html>",
        paragraphs(&paras),
    );
    let blocks = Segmenter::default().segment(Input::Html(&html), &DocContext::default());
    let label = |t: &str| label_of(&blocks, t);
    for p in paras {
        assert_eq!(label(p), Some(Label::Body), "{p}");
    }
    assert_eq!(label(blurb), Some(Label::Boilerplate));
}

/// Text from a Scrapinghub benchmark page (mspoweruser.com), in reduced
/// markup: an embedded tweet between two paragraphs of the article. Its
/// signature line "— Name (@handle) date" is the article's, not a dateline.
#[test]
fn html_embedded_post_signature_in_the_article_is_body() {
    let paras = [
        "Posted on social media by the performance analysts at Digital Foundry, the Stadia port of Rockstar’s Western video game is not entirely smooth on the streaming service.",
        "Those playing through Stadia’s recommended Chromecast Ultra will be treated to a 30fps experience in Red Dead Redemption 2. While not ideal for a service that boasts such a high technical makeup, recent impressions appear that the 30fps lock is at least fairly stable.",
        "The group state that the two modes are similar to performance and quality modes on Xbox One X and PS4 Pro. While Chromecast users enjoy the game at a reasonably solid 30fps with 4K output, those who play through the Chrome browser will experience an unstable 1080p 60fps.",
    ];
    let after = "We recently traveled to Google’s offices in London to try Stadia for ourselves. We called it “an incredible feat when it decides to work.” It’s peak Google.";
    let signature = "— Digital Foundry (@digitalfoundry)";
    let html = format!(
        "<html><body><div class=\"entry-content col-md-8\"><article class=singa>{}\
         <div class=video-container><blockquote class=twitter-tweet>\
         <p>Interesting to see Stadia RDR2 capture out there running at an unstable 60fps. <a href=\"https://t.co/x\">pic.twitter.com/4p7SXk7JPW</a></p>\
         <p>{signature} <a href=\"https://twitter.com/x\">November 18, 2019</a></p></blockquote></div>\
         <p>{after}</p></article></div></body></html>",
        paragraphs(&paras),
    );
    let blocks = Segmenter::default().segment(Input::Html(&html), &DocContext::default());
    let label = |t: &str| label_of(&blocks, t);
    for p in paras.iter().chain([&after]) {
        assert_eq!(label(p), Some(Label::Body), "{p}");
    }
    assert_eq!(label(signature), Some(Label::Body));
}

/// Text from a Scrapinghub benchmark page (nytimes.com), in reduced markup:
/// the column's paragraphs in boxes of one markup, and in the last such box
/// the closing notes ("Follow … on Facebook, Twitter (@…)", the letters line).
/// As in plain text, such notes under the article are the byline's, not body.
#[test]
fn html_closing_notes_under_the_article_are_not_body() {
    let paras = [
        "Americans have gone to the polls four times this month to vote in major, statewide races. In Virginia, they voted for control of the state Legislature; in Mississippi, Kentucky and Louisiana, they voted for control of the governor’s mansion. In each case, President Trump tied himself to the outcome.",
        "Trump sent a similar message ahead of the Virginia elections. “Virginia, with all of the massive amount of defense and other work I brought to you, and with everything planned, go out and vote Republican today,” he said.",
        "Worried about backlash and committed to restraint, House Democrats have limited their impeachment inquiry to the Ukraine scandal. You could read these numbers and election results as vindication — proof that Democrats were right to take a narrow, focused approach to the president’s wrongdoing.",
    ];
    let notes = [
        "The Times is committed to publishing a diversity of letters to the editor. We’d like to hear what you think about this or any of our articles. Here are some tips. And here's our email: letters@nytimes.com.",
        "Follow The New York Times Opinion section on Facebook, Twitter (@NYTopinion) and Instagram.",
    ];
    let html = format!(
        "<html><body><article><div class=StoryBodyCompanionColumn><div>{}</div></div>\
         <div class=StoryBodyCompanionColumn><div>{}</div></div>\
         <div class=StoryBodyCompanionColumn><div>{}</div></div></article></body></html>",
        paragraphs(&paras[..2]),
        paragraphs(&paras[2..]),
        paragraphs(&notes),
    );
    let blocks = Segmenter::default().segment(Input::Html(&html), &DocContext::default());
    let label = |t: &str| label_of(&blocks, t);
    for p in paras {
        assert_eq!(label(p), Some(Label::Body), "{p}");
    }
    for n in notes {
        assert_ne!(label(n), Some(Label::Body), "{n}");
    }
}

/// Text from a Scrapinghub benchmark page (gizmodo.com), in reduced markup:
/// the headline is an <h1> linking to the article's own page, below the
/// site's slogan; a linked headline named or tagged as one is the headline.
#[test]
fn html_headline_linking_to_its_own_page_is_the_headline() {
    let head = "The Future of Apple Innovation Is Backwards";
    let paras = [
        "The big iFixit teardown is done, and the results are in. The new 16-inch MacBook Pro is a heck of a lot like the old 15-inch MacBook Pro, save for a few meaningful throwback features.",
        "I’m not complaining. The 16-inch MacBook Pro looks like a hell of a laptop, as it should for a starting price of $2,400. The new machine comes with a bigger display, a bigger battery, better speakers, and a brand new AMD graphics card.",
        "The keyboard thing is a big deal. Apple has been dealing with public outrage sparked by its newer butterfly mechanism in MacBook keyboards.",
    ];
    let html = format!(
        "<html><head><title>{head}</title></head><body>\
         <div class=masthead-slogan>We come from the future</div>\
         <header><h1 class=headline><a href=\"https://example.com/so-this-is-the-future\">{head}</a></h1></header>\
         <div class=post-content>{}</div></body></html>",
        paragraphs(&paras),
    );
    let blocks = Segmenter::default().segment(Input::Html(&html), &DocContext::default());
    let label = |t: &str| label_of(&blocks, t);
    assert_eq!(label(head), Some(Label::Headline));
    assert_ne!(label("We come from the future"), Some(Label::Headline));
    for p in paras {
        assert_eq!(label(p), Some(Label::Body), "{p}");
    }
}

/// Text from three Scrapinghub benchmark pages (remember8090.it, an AP story
/// on foxnews.com, one on apnews.com), in reduced markup: a list of offers
/// after the article's last paragraph (one line each, split by <br>; a bare
/// link between them), in its container, is the article's tail; the closing
/// credit lines are bylines,
/// not body.
#[test]
fn html_article_tail_stays_and_closing_credit_is_a_byline() {
    let paras = [
        "Il black Friday incombe su di noi: per chi non lo sapesse (o per chi è sbarcato da Marte recentemente) il “venerdì nero” è l’ennesima consuetudine importata dagli USA dove, il venerdì dopo il Giorno del Ringraziamento, i negozi offrono super sconti per lo shopping di Natale.",
        "Negli ultimi anni, per favorire oltremodo i consumi, il Black Friday si è trasformato nella settima del Black Friday, con sconti e offerte speciali che si trascinano lungo tutta la settimana precedente.",
        "E chi siamo noi per astenersi da questa corsa consumistica? Ecco allora le offerte PRO-NOSTALGICI anni ’80 e ’90 da non lasciarsi sfuggire su a Amazon:",
    ];
    let offers = [
        "1) Lego Star Wars 75188 Bombardiere della Resistenza<br>http://amzn.to/2iJFhRj<br>2) Polistil 960574 Pista Elettrica Sorpasso<br>http://amzn.to/2hZfWFJ",
        "4) Blade Runner The Final Cut (4K Ultra HD + Blu-Ray)<br>http://amzn.to/2hWEIX7<br>5) I Cavalieri Dello Zodiaco – Parte 01 – Le Dodici Case (12 Dvd)<br>http://amzn.to/2i0gA5U",
        "<a href=http://amzn.to/2hXQPDr>http://amzn.to/2hXQPDr</a>",
        "8) Magnum P.I. – Complete Collection (Stagioni 1-8) (45 DVD)<br>http://amzn.to/2hWHtYm<br>9) Batteria Elettronica Portatile con 7 Pad, Altoparlanti Integrati e Bacchette Incluse + Collegamento USB<br>http://amzn.to/2hYHawj",
    ];
    let credit = "Fox News’ Jessica Napoli contributed to this report.";
    let writers = "Associated Press writers Alan Fram, Zeke Miller, Laurie Kellman, Colleen Long, Eric Tucker, Lolita Baldor and Jill Colvin contributed to this report.";
    let html = format!(
        "<html><body><div class=nav><a href=/>Home</a></div><div class=\"entry-content\">\
         <h1>Black Friday per nostalgici: le occasioni da non perdere</h1>{}{}<p>{credit}</p><p>{writers}</p></div>\
         <div class=footer>Privacy</div></body></html>",
        paragraphs(&paras),
        paragraphs(&offers),
    );
    let blocks = Segmenter::default().segment(Input::Html(&html), &DocContext::default());
    let label = |t: &str| label_of(&blocks, t);
    for p in paras
        .iter()
        .chain(&["1) Lego Star Wars", "4) Blade Runner", "8) Magnum P.I."])
    {
        assert_eq!(label(p), Some(Label::Body), "{p}");
    }
    assert_eq!(label(credit), Some(Label::Byline));
    assert_eq!(label(writers), Some(Label::Byline));
}

/// Text from a Scrapinghub benchmark page (morebikes.co.uk), in reduced
/// markup: a cookie-consent notice in the article's container is boilerplate.
#[test]
fn html_cookie_notice_in_the_article_box_is_boilerplate() {
    let paras = [
        "I’ve worked on my own vehicles since I was 17 (I wish I still had that MkII Ford Escort), but this is my first time with a Clymer manual. I’ve got to say, I’m impressed!",
        "The level of detail is superb, with very clear diagrams and instruction – particularly useful are the exploded drawings which feature regularly, and really help you to see how things come apart (and go back together).",
    ];
    let notices = [
        "Necessary cookies are absolutely essential for the website to function properly. This category only includes cookies that ensures basic functionalities and security features of the website. These cookies do not store any personal information.",
        "Any cookies that may not be particularly necessary for the website to function and is used specifically to collect user personal data via analytics, ads, other embedded contents are termed as non-necessary cookies.",
    ];
    let html = format!(
        "<html><body><div class=post><h1>Clymer workshop manual review</h1>{}<div>{}</div></div></body></html>",
        paragraphs(&paras),
        paragraphs(&notices),
    );
    let blocks = Segmenter::default().segment(Input::Html(&html), &DocContext::default());
    let label = |t: &str| label_of(&blocks, t);
    for p in paras {
        assert_eq!(label(p), Some(Label::Body), "{p}");
    }
    for p in notices {
        assert_eq!(label(p), Some(Label::Boilerplate), "{p}");
    }
}

/// Sentences from two Scrapinghub benchmark pages (cityam.com, bbc.com) that
/// use caption words as idioms ("is seen as", "the threat it poses to"):
/// body.
#[test]
fn caption_idioms_in_prose_stay_body() {
    let prose = [
        "The Chinese company’s decision to float in Hong Kong despite months of often-violent anti-government protests is seen as a vote of confidence from Beijing in the city’s status as a Asian financial hub.",
        "Wikileaks editor-in-chief Kristinn Hrafnsson said: \"Let us now focus on the threat Mr Assange has been warning about for years: the belligerent prosecution of the United States and the threat it poses to the First Amendment.\"",
    ];
    let lead = "Alibaba is set to raise up to $12.9bn (£10bn) from its record-breaking second listing in Hong Kong, pricing its shares at a 2.8 per cent discount to their New York close.";
    let html = format!(
        "<html><body><div class=story><h1>Alibaba to raise up to $12.9bn in landmark Hong Kong listing</h1><p>{lead}</p><p>{}</p><p>{}</p><p>{lead}</p></div></body></html>",
        prose[0], prose[1]
    );
    let blocks = Segmenter::default().segment(Input::Html(&html), &DocContext::default());
    for p in prose {
        let b = blocks.iter().find(|b| b.text == p);
        assert_eq!(b.map(|b| b.label), Some(Label::Body), "{p}");
    }
}

/// Text from a Scrapinghub benchmark page (washingtonexaminer.com), in reduced
/// markup: teasers under the article whose headline is a linked question and
/// whose author's name sits between headline, date and paragraph are a
/// teaser list too.
#[test]
fn html_teasers_with_author_lines_are_related() {
    let paras = [
        "Andrew doesn’t remember any raping, but he definitely remembers going to get pizza that night. \"Going to Pizza Express in Woking is an unusual thing for me to do,\" he said. \"I remember it weirdly, distinctly.\"",
        "Andrew also spent 45 seconds explaining how he couldn’t have been with Giuffre, because she described him as sweating, and at that point in time, he had a medical condition in which he couldn’t sweat.",
    ];
    let t1 = "The television interview was devised as an opportunity for Britain’s Prince Andrew to set the record straight on his friendship with sex offender Jeffrey Epstein and end questions about whether he had slept with a 17-year-old girl.";
    let t2 = "Wednesday night, the country’s most liberal Democrats will descend on my home state of Georgia and flood the airwaves with their radical, socialist ideas.";
    let html = format!(
        "<html><body><div class=story><h1>Prince Andrew's interview</h1><p>{}</p><p>{}</p>\
         <div><h3><a href=/a>Prince Andrew struggles to dispel allegations of sex with 17-year-old girl supplied by Epstein</a></h3>\
         <div><a href=/r>Rob Crilly</a></div><time>Wednesday November 20, 2019</time><p>{t1}</p></div>\
         <div><h3><a href=/b>What made Joker so popular?</a></h3><div><a href=/m>Madeline Fry</a></div>\
         <time>Wednesday November 20, 2019</time><p>Joker killed at the box office.</p></div>\
         <div><h3><a href=/c>Sen. David Perdue: Democrats’ socialist agenda would kill the American dream</a></h3>\
         <div>Sen. David Perdue</div><time>Wednesday November 20, 2019</time><p>{t2}</p></div>\
         </div></body></html>",
        paras[0], paras[1]
    );
    let blocks = Segmenter::default().segment(Input::Html(&html), &DocContext::default());
    let label = |t: &str| label_of(&blocks, t);
    for p in paras {
        assert_eq!(label(p), Some(Label::Body), "{p}");
    }
    for t in [t1, t2, "Sen. David Perdue"] {
        assert_ne!(label(t), Some(Label::Body), "{t}");
    }
}

/// Text from a Scrapinghub benchmark page (nypost.com), in reduced markup:
/// the article's box, named "entry-content", sits in a page box whose class
/// list holds a widget word ("modal-enabled") and which holds more links than
/// prose; the widget name does not reach the article's lines.
#[test]
fn html_article_box_is_not_a_widget_for_its_ancestors_names() {
    let paras = [
        "A case of the bubonic plague was reported in China over the weekend — after two people there were diagnosed with the pneumonic plague last week.",
        "The new patient from Xilingol in Inner Mongolia hunted and ate a wild rabbit on Nov. 5, <a href=/x>according to the state-run Xinhua News Agency</a>.",
        "The person, who was not identified, was hospitalized in the county of Huade in north China’s Inner Mongolia Autonomous Region, the news agency said, citing the regional health commission.",
        "Authorities say that the cases appear to be unrelated.",
    ];
    let links: String = (1..=30)
        .map(|k| format!("<li><a href=/s{k}>Section number {k}</a></li>"))
        .collect();
    let html = format!(
        "<html><body><div class=\"box article modal-enabled\"><ul>{links}</ul>\
         <h1>Chinese hunter catches bubonic plague after eating wild rabbit</h1>\
         <div class=\"entry-content entry-content-read-more\">{}</div></div>\
         <div class=footer><ul>{links}</ul></div></body></html>",
        paragraphs(&paras)
    );
    let blocks = Segmenter::default().segment(Input::Html(&html), &DocContext::default());
    for p in [
        "A case of the bubonic",
        "The new patient from Xilingol",
        "The person, who",
        "Authorities say",
    ] {
        let b = blocks.iter().find(|b| b.text.starts_with(p));
        assert_eq!(b.map(|b| b.label), Some(Label::Body), "{p}");
    }
}

/// Text from a Scrapinghub benchmark page (detroit.cbslocal.com), in reduced
/// markup where the page's one wrapper holds everything: a sentence of the
/// footer, past a dozen menu lines, is not the article's.
#[test]
fn html_stray_paragraph_far_below_the_article_is_boilerplate() {
    let paras = [
        "Berrien County Health Department officials said Monday the victim was one of two people who contracted the mosquito borne virus. The death occurred Saturday.",
        "Cases of Eastern Equine Encephalitis first appeared in West Michigan at the end of August. The virus has been reported in Barry, Berrien, Calhoun, Cass, Kalamazoo and Van Buren counties.",
        "Dr. Joneigh Khaldun of the Michigan Department of Health and Human Services says the risk from the virus continues because there hasn’t been a sustained period of freezing temperatures.",
    ];
    let menu = [
        "News",
        "Local",
        "Politics",
        "Autos",
        "HealthWatch",
        "Blogs",
        "Galleries",
        "Sports",
        "Lions",
        "Tigers",
        "Pistons",
        "Red Wings",
    ];
    let footer =
        "By viewing our video content, you are accepting the terms of our Video Services Policy";
    let html = format!(
        "<html><body><div class=page><h1>Michigan Officials: 6th Fatality Linked To Eastern Equine Encephalitis Reported</h1>\
         {}<nav><ul>{}</ul></nav><p>{footer}</p></div></body></html>",
        paragraphs(&paras),
        menu.iter()
            .map(|m| format!("<li>{m}</li>"))
            .collect::<String>(),
    );
    let blocks = Segmenter::default().segment(Input::Html(&html), &DocContext::default());
    let label = |t: &str| label_of(&blocks, t);
    for p in paras {
        assert_eq!(label(p), Some(Label::Body), "{p}");
    }
    assert_eq!(label(footer), Some(Label::Boilerplate));
}

/// Lines of statistics from Scrapinghub benchmark pages (dawgsbynature.com,
/// a Reuters markets report) are full of numbers but are not datelines; a
/// short line of date numbers (jpost.com) still is.
#[test]
fn lines_of_numbers_are_not_datelines() {
    let seg = Segmenter::default();
    let kind = |line: &str| {
        let text = format!(
            "Browns defensive snap counts, stats, and notes: Week 11\n\nBelow, we analyze the snap counts and stats on defense for the Cleveland Browns ’ Week 11 game against the Pittsburgh Steelers.\n\n{line}\n\nThere is a lot to sort through here. As a defense, the Browns had 11 hits on Mason Rudolph (well, 12 if you count the helmet hit). 8 of those hits came from the defensive line."
        );
        seg.segment(Input::Text(&text), &DocContext::default())
            .into_iter()
            .find(|b| b.text == line)
            .map(|b| b.label)
    };
    for line in [
        "1 tackle (1 combined). 1 sack, 1 TFL, 2 QH.",
        "2 tackles, 1 assist (3 combined). 1 QH.",
        "Copper CMCU3 rose 0.86% to $5,880.00 a tonne.",
    ] {
        assert_ne!(kind(line), Some(Label::Dateline), "{line}");
    }
    assert_eq!(kind("11/20/2019 10:08 AM"), Some(Label::Dateline));
}

/// Text from a Scrapinghub benchmark page (cbssports.com), in reduced markup:
/// a subheading and a list of title-case items after the article's last
/// paragraph, in its container, are the article's tail.
#[test]
fn html_list_under_a_subheading_after_the_article_stays() {
    let paras = [
        "Euro 2020 qualifying is over. Well, sort of. The group stage of qualifying finished on Tuesday, and 20 teams have booked their spots in next summer's tournament, which for the first time will be held across Europe.",
        "Wales beat Hungary 2-0 to earn the 20th spot on Tuesday. Aaron Ramsey scored twice for Ryan Giggs' team, as country makes it back to a tournament where it made the semifinals in 2016.",
        "And earlier in the week, Turkey drew Iceland 0-0 in Istanbul to book its spot, and that result also clinched France's ticket to next year's tournament, with the reigning World Cup champs looked at as one of the heavy favorites. Below are all the teams that qualified for the tournament during the group stage.",
    ];
    let items = [
        "England (Group A): 10th appearance",
        "Czech Republic (Group A): Seventh appearance",
        "Ukraine (Group B): Third appearance",
        "Spain (Group F): 11th appearance",
    ];
    let html = format!(
        "<html><body><div class=article-body><h1>UEFA Euro 2020 qualifying</h1>{}<h3>Qualified teams</h3><ul>{}</ul></div>\
         <div class=footer><a href=/a>About</a></div></body></html>",
        paragraphs(&paras),
        items
            .iter()
            .map(|p| format!("<li>{p}</li>"))
            .collect::<String>(),
    );
    let blocks = Segmenter::default().segment(Input::Html(&html), &DocContext::default());
    let label = |t: &str| label_of(&blocks, t);
    for t in paras.iter().chain(&items).chain(&["Qualified teams"]) {
        assert_eq!(label(t), Some(Label::Body), "{t}");
    }
}

/// Text from a Scrapinghub benchmark page (lhpat-tm.com, Japanese: no
/// stop-word list), in reduced markup: a short sentence between the headline
/// (here the site's line: the title is one "word" long) and the first long
/// paragraph is body, as it would be in a language whose stop words are
/// known.
#[test]
fn html_short_sentence_before_the_article_in_an_unlisted_language() {
    let lead = "報道によると、今回販売されたのは、いわゆる「脱獄」したiPhone。";
    let paras = [
        "「脱獄」とは、iPhoneのiOSを改造して機能制限を解除することで、脱獄すれば、App Storeにない非公式アプリを利用することもできるようになるとのことです。",
        "商標には、同じ商標が付された商品は同じ提供元のものであるという、商品の出所を表示する機能（出所表示機能）、同じ商標が付された商品は同じ品質であることを保証する機能（品質保証機能）があります。",
        "今回の事件のように、りんごのマークやiPhoneの表示がついたままで、権利者の許諾を得ずに、不正に改造したiPhoneを販売することは、商標の品質保証機能を害することになりますので、商標権侵害であると判断されたものと思われます。",
    ];
    let html = format!(
        "<html><body><div class=site>お客様のブランドをお守りします。商標登録出願で弁理士をお探しならライトハウス国際特許事務所［東京・千代田区］</div>\
         <div class=entry><h1>商品の改造が商標法違反に！？</h1><div>by ライトハウス国際特許事務所 ／ 2016.12.01</div><p>{lead}</p>{}</div></body></html>",
        paragraphs(&paras)
    );
    let blocks = Segmenter::default().segment(Input::Html(&html), &DocContext::default());
    let label = |t: &str| blocks.iter().find(|b| b.text == t).map(|b| b.label);
    for t in paras.iter().chain(&[lead]) {
        assert_eq!(label(t), Some(Label::Body), "{t}");
    }
}

/// Text from a Scrapinghub benchmark page (AP via a newspaper site), as a
/// scraped plain-text page, one block a line: the wire's caption opens with
/// the picture's date inside ("In this Monday, Oct. 28, 2019, file photo,")
/// and carries a sentence of the story after the picture's; without its
/// "(AP Photo/…)" credit its opener and its caption words say it.
#[test]
fn plain_text_wire_caption_with_a_dated_opener_is_a_caption() {
    let caption = "In this Monday, Oct. 28, 2019, file photo, U.S. Ambassador to the European Union Gordon Sondland walks to a secure area of the Capitol to testify as part of the House impeachment inquiry into President Donald Trump, in Washington. Sondland is scheduled to be the first witness when the impeachment hearings resume at 9 a.m. EST Wednesday, Nov. 20.";
    let paragraphs = [
        "WASHINGTON (AP) — Ambassador Gordon Sondland, the most anticipated witness in the impeachment inquiry, is likely to be unpredictable when he faces questions about his evolving accounts of the Trump administration’s dealings with Ukraine and a newly revealed summertime phone call with President Donald Trump.",
        "Sondland, a wealthy hotelier Trump tapped as his ambassador to the European Union, is more directly entangled than any witness yet in the Republican president’s efforts to get Ukraine to investigate political rival Joe Biden and Democrats in the 2016 election. Yet Sondland has already amended his testimony once — “I now do recall,” he said, talking to Ukraine about investigations.",
        "Trump has recently tried to suggest that he barely knows his hand-picked ambassador, but Sondland has said he has spoken several times with the president and was acting on his direction.",
    ];
    let text = format!(
        "{}\n{caption}\n{}\n{}",
        paragraphs[0], paragraphs[1], paragraphs[2]
    );
    let blocks = Segmenter::default().segment(Input::Text(&text), &DocContext::default());
    assert_eq!(label_of(&blocks, "In this Monday"), Some(Label::Caption));
    for p in paragraphs {
        assert_eq!(label_of(&blocks, p), Some(Label::Body), "{p}");
    }
}
