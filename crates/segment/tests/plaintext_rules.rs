//! Plain-text layout rules on scraped pages (one block a line): each test
//! puts made-up lines in the style of `benches/plaintext/README.md`'s
//! conventions (prompts, credits, captions) around paragraphs of a
//! Reuters-21578 story (reuters-32), and checks the labels of both.

use copydesk_segment::{DocContext, Input, Label, Segmenter};

const HEADLINE: &str = "Senators introduce export licensing reform bill";

/// Paragraphs of reuters-32, unwrapped.
const STORY: [&str; 4] = [
    "Sens. Alan Cranston (D-Cal.) and Daniel Evans (R-Wash.) said they introduced export licensing reform legislation that could save U.S. companies hundreds of thousands of dollars annually.",
    "\"Our emphasis is two-fold: Decontrol and de-license items where such actions will not endanger our national security, and eliminate the Department of Defense's de facto veto authority over the licensing process,\" Cranston said.",
    "\"Our reforms should reduce licensing requirements by 65 to 70 pct,\" he told reporters. \"I am convinced that a more rational...licensing process will boost exports.\"",
    "\"By refocusing our control resources on higher levels of technology, technology that is truly critical, we will do a better job of preventing diversion of critical technology to our adversaries while promoting more exports,\" Cranston said.",
];

/// The label of each line of a page made of `lines`.
fn labels(lines: &[&str]) -> Vec<Label> {
    let text = lines.join("\n");
    let blocks = Segmenter::default().segment(Input::Text(&text), &DocContext::default());
    lines
        .iter()
        .map(|l| {
            blocks
                .iter()
                .find(|b| b.text.trim() == l.trim())
                .map_or_else(|| panic!("no block for {l:?}"), |b| b.label)
        })
        .collect()
}

/// Checks every story paragraph is body and each `(line, label)` pair.
fn check(lines: &[&str], want: &[(&str, Label)]) {
    let got = labels(lines);
    for (l, g) in lines.iter().zip(&got) {
        if STORY.contains(l) {
            assert_eq!(*g, Label::Body, "{l}");
        }
        if let Some((_, w)) = want.iter().find(|(t, _)| t == l) {
            assert_eq!(g, w, "{l}");
        }
    }
}

/// Paywall, subscription, alert and chat prompts between and under the
/// paragraphs speak of the reader's access: boilerplate, not body.
#[test]
fn reader_prompts_are_boilerplate() {
    let prompts = [
        "Full access to this story: a subscription is required.",
        "Turn on news alerts to follow this story as it develops.",
        "If this story helped you, please consider subscribing to support our newsroom.",
        "Chat with us on our app for updates as the story develops.",
        "Thank you for reading.",
    ];
    let lines = [
        HEADLINE, STORY[0], prompts[0], STORY[1], prompts[1], STORY[2], prompts[2], STORY[3],
        prompts[3], prompts[4],
    ];
    let want: Vec<(&str, Label)> = prompts.iter().map(|p| (*p, Label::Boilerplate)).collect();
    check(&lines, &want);
}

/// "Screenshot: Site", "Graphic: Outlet" and "From Company via Network"
/// lines credit the picture next to them: the line above ("The new app's
/// home screen") or, under a credit that stands above its photo, the short
/// line below is its caption.
#[test]
fn credit_lines_and_their_captions() {
    let lines = [
        HEADLINE,
        "By Jane Doe, Staff Reporter",
        "From Senate Press via Network",
        "Senators meet exporters",
        STORY[0],
        STORY[1],
        "Left: the old licence form, Right: the proposed one",
        "Graphic: Daily Paper",
        STORY[2],
        "Screenshot: Senate Committee (Congress)",
        STORY[3],
    ];
    check(
        &lines,
        &[
            ("From Senate Press via Network", Label::Credit),
            ("Senators meet exporters", Label::Caption),
            (
                "Left: the old licence form, Right: the proposed one",
                Label::Caption,
            ),
            ("Graphic: Daily Paper", Label::Credit),
            ("Screenshot: Senate Committee (Congress)", Label::Credit),
        ],
    );
}

/// A short copyright line between the headline and the first paragraph is
/// the lead photo's credit; the same line at the foot of the page is the
/// site's notice.
#[test]
fn lead_copyright_line_is_a_credit() {
    let lines = [
        HEADLINE,
        "Copyright 2019 Network",
        STORY[0],
        STORY[1],
        STORY[2],
        STORY[3],
        "Copyright 2019 Daily Paper",
    ];
    check(
        &lines,
        &[
            ("Copyright 2019 Network", Label::Credit),
            ("Copyright 2019 Daily Paper", Label::Boilerplate),
        ],
    );
}

/// The title with the site's name glued on ("Title | Daily Paper") above
/// the title itself is the headline too, and the site's name alone under
/// it stays boilerplate.
#[test]
fn title_with_site_name_is_the_headline() {
    let glued = "Senators introduce export licensing reform bill | Daily Paper";
    let lines = [
        glued,
        "Daily Paper",
        HEADLINE,
        "By Jane Doe",
        STORY[0],
        STORY[1],
        STORY[2],
        STORY[3],
    ];
    check(
        &lines,
        &[
            (glued, Label::Headline),
            (HEADLINE, Label::Headline),
            ("Daily Paper", Label::Boilerplate),
        ],
    );
}

/// A question for a title reads as prose; shown twice at the top, once
/// after its section's name and a bar, it is the headline.
#[test]
fn question_title_shown_twice_is_the_headline() {
    let question = "Will the export licensing reform bill save companies money?";
    let with_section = "Opinion | Will the export licensing reform bill save companies money?";
    let lines = [
        with_section,
        "Advertisement",
        question,
        STORY[0],
        STORY[1],
        STORY[2],
        STORY[3],
    ];
    check(
        &lines,
        &[(with_section, Label::Headline), (question, Label::Headline)],
    );
}

/// "| UPDATED:" cut from a line of dates is a date label, and a city in
/// capitals with its state ("WASHINGTON, Pa.") above the first paragraph
/// is the place opener, not a bare name for the byline.
#[test]
fn date_label_after_a_bar_and_city_with_state_are_datelines() {
    let lines = [
        HEADLINE,
        "By JANE DOE The Daily Paper",
        "March 2, 2020 at 9:20 am",
        "| UPDATED:",
        "March 2, 2020 at 10:05 am",
        "WASHINGTON, Pa.",
        STORY[0],
        STORY[1],
        STORY[2],
        STORY[3],
    ];
    check(
        &lines,
        &[
            ("| UPDATED:", Label::Dateline),
            ("WASHINGTON, Pa.", Label::Dateline),
        ],
    );
}

/// "LATEST SPORTS VIDEOS" (a list word, a section, what the list holds)
/// and "What we're reading:" head a list of other stories: the header
/// and its titles are related.
#[test]
fn list_headers_open_a_related_list() {
    let lines = [
        HEADLINE,
        STORY[0],
        STORY[1],
        "LATEST SPORTS VIDEOS",
        "Carmakers race to build cheaper batteries Video Desk",
        "Farm exports rise for a third month Video Desk",
        STORY[2],
        STORY[3],
        "What we're reading:",
        "How the grain board counts its registrations",
    ];
    check(
        &lines,
        &[
            ("LATEST SPORTS VIDEOS", Label::Related),
            (
                "Carmakers race to build cheaper batteries Video Desk",
                Label::Related,
            ),
            (
                "Farm exports rise for a third month Video Desk",
                Label::Related,
            ),
            ("What we're reading:", Label::Related),
            (
                "How the grain board counts its registrations",
                Label::Related,
            ),
        ],
    );
}

/// A line holding the author and the date ("By Jane Doe, Contributor |
/// Posted - Mar 2nd, 2020 @ 9:20am"), a wire's name before its date, and
/// "by" alone (the name was a link the scrape lost) are the byline.
#[test]
fn signed_dates_and_bare_by_are_bylines() {
    let signed = "By                 Jane Doe, Daily Paper Contributor          |               Posted - Mar 2nd, 2020 @ 9:20am";
    let wire = "AP March 2, 2020, 9:20 AM";
    let page = |head: &[&'static str]| {
        let mut lines = vec![HEADLINE];
        lines.extend_from_slice(head);
        lines.extend_from_slice(&STORY);
        lines
    };
    check(&page(&[signed]), &[(signed, Label::Byline)]);
    check(&page(&[wire]), &[(wire, Label::Byline)]);
    check(
        &page(&["by", "2 March 2020 9:20 am GMT"]),
        &[
            ("by", Label::Byline),
            ("2 March 2020 9:20 am GMT", Label::Dateline),
        ],
    );
}

/// A byline after a section's words under the headline, the author's note
/// right under the byline on an opinion page, and a "Follow … on Twitter"
/// line past the separators under the story are all the byline.
#[test]
fn bylines_after_a_section_under_the_byline_and_past_separators() {
    let sectioned = "Politics — By JANE DOE and JOHN ROE - Daily Wire";
    let bio =
        "Ms. Doe is the executive director of the Export Policy Institute at State University.";
    let follow = "Follow Doe and Roe on Twitter at https://twitter.com/janedoe and https://twitter.com/johnroe";
    let lines = [
        "Senators introduce a bill to reform the licensing of exports",
        sectioned,
        STORY[0],
        STORY[1],
        STORY[2],
        STORY[3],
    ];
    check(&lines, &[(sectioned, Label::Byline)]);
    let lines = [
        HEADLINE,
        "By Jane Doe",
        bio,
        STORY[0],
        STORY[1],
        STORY[2],
        STORY[3],
        "———",
        "Daily Wire writer Sam Poe in Washington contributed to this report.",
        "———",
        follow,
    ];
    check(&lines, &[(bio, Label::Byline), (follow, Label::Byline)]);
}

/// An unpunctuated sentence-case line between paragraphs is a caption
/// ("Senators meet with exporters of farm goods on a visit to the port"), but one opening
/// with a question word ("How export controls became a fight in
/// Congress") is the headline of another story injected in the text.
#[test]
fn question_word_lines_between_paragraphs_are_related() {
    let caption = "Senators meet with exporters of farm goods on a visit to the port";
    let injected = "How export controls became a fight between two committees";
    let lines = [
        HEADLINE, STORY[0], caption, STORY[1], STORY[2], injected, STORY[3],
    ];
    check(
        &lines,
        &[(caption, Label::Caption), (injected, Label::Related)],
    );
}

/// A wire caption without its credit tells a dated picture in the present
/// tense ("… speaks to reporters … in 2015."); a paragraph in the past
/// tense with a year stays body.
#[test]
fn present_tense_dated_caption_is_a_caption() {
    let caption = "Sen. Alan Cranston speaks to reporters at a news conference in Washington on March 4, 1987.";
    let past =
        "Cranston spoke to reporters at a news conference in Washington in 1987 about the bill.";
    let lines = [
        HEADLINE, STORY[0], STORY[1], caption, STORY[2], past, STORY[3],
    ];
    check(&lines, &[(caption, Label::Caption), (past, Label::Body)]);
}

/// A read time ("1 min") under the headline and a script fragment under
/// the date line start lowercase after an unfinished line, but neither
/// carries the line above on: the headline and the date keep their labels.
#[test]
fn read_time_and_script_do_not_join_the_line_above() {
    let headline = "Senators introduce a bill to reform the licensing of exports to allies";
    let date = "Updated 9:20 am, Monday, March 2, 2020";
    let lines = [
        headline,
        "1 min",
        date,
        "window._widget = window._widget || [];",
        STORY[0],
        STORY[1],
        STORY[2],
        STORY[3],
    ];
    check(
        &lines,
        &[(headline, Label::Headline), (date, Label::Dateline)],
    );
}

/// A radio transcript: the speaker's line in capitals above the first
/// turn, and a sound cue in capitals whose song title holds a widget word,
/// are the article's.
#[test]
fn transcript_speaker_and_sound_cue_are_body() {
    let speaker = "JANE DOE, HOST:";
    let cue = "(SOUNDBITE OF JOHN ROE BAND'S \"PODCAST\")";
    let lines = [
        HEADLINE, speaker, STORY[0], STORY[1], cue, STORY[2], STORY[3],
    ];
    check(&lines, &[(speaker, Label::Body), (cue, Label::Body)]);
}

/// "Read more" alone between paragraphs is a link prompt (boilerplate);
/// "Read more:" over a title heads a list (related).
#[test]
fn bare_read_more_is_boilerplate() {
    let title = "Grain board details registrations of oilseed exports";
    let lines = [
        HEADLINE,
        STORY[0],
        STORY[1],
        "Read More",
        STORY[2],
        STORY[3],
        "Read more:",
        title,
    ];
    check(
        &lines,
        &[
            ("Read More", Label::Boilerplate),
            ("Read more:", Label::Related),
            (title, Label::Related),
        ],
    );
}

/// A gallery at the top of a wire page: "Slideshow (3 Images)" and "Hide
/// Caption" are gallery controls, and the line above "Hide Caption" is the
/// picture's caption (a sentence that read as the article's first).
#[test]
fn gallery_controls_and_the_caption_above_a_caption_switch() {
    let caption = "Senators meet with exporters of farm goods on a visit to the port in 1987.";
    let lines = [
        HEADLINE,
        "Slideshow (3 Images)",
        caption,
        "Hide Caption",
        "1 of 12",
        STORY[0],
        STORY[1],
        STORY[2],
        STORY[3],
    ];
    check(
        &lines,
        &[
            ("Slideshow (3 Images)", Label::Boilerplate),
            (caption, Label::Caption),
            ("Hide Caption", Label::Boilerplate),
            ("1 of 12", Label::Boilerplate),
        ],
    );
}

/// A caption without a full stop, then "toggle caption", then the credit:
/// the switch does not carry the caption on (it starts lowercase).
#[test]
fn toggle_caption_stays_apart_from_the_caption() {
    let caption = "Senators meet with exporters of farm goods on a visit to the port";
    let lines = [
        HEADLINE,
        STORY[0],
        caption,
        "toggle caption",
        "Jane Doe/Getty Images",
        STORY[1],
        STORY[2],
        STORY[3],
    ];
    check(
        &lines,
        &[
            (caption, Label::Caption),
            ("toggle caption", Label::Boilerplate),
            ("Jane Doe/Getty Images", Label::Credit),
        ],
    );
}

/// A running story written as a timeline: a time stamp above each entry,
/// three times or more, heads the entry (body, like a subhead); the story's
/// own date under the headline stays its dateline.
#[test]
fn timeline_stamps_are_body() {
    let lines = [
        HEADLINE,
        "March 2, 1987",
        STORY[0],
        "4:20 p.m.",
        STORY[1],
        "2:15 p.m.",
        STORY[2],
        "11:50 a.m.",
        STORY[3],
    ];
    check(
        &lines,
        &[
            ("March 2, 1987", Label::Dateline),
            ("4:20 p.m.", Label::Body),
            ("2:15 p.m.", Label::Body),
            ("11:50 a.m.", Label::Body),
        ],
    );
}

/// "— Jane Doe and John Roe, Washington" closing an entry of the article
/// signs it: byline. A subhead in capitals between paragraphs is the
/// article's, not the headline of another story.
#[test]
fn dash_signature_and_capital_subhead() {
    let lines = [
        HEADLINE,
        STORY[0],
        STORY[1],
        "— Jane Doe and John Roe, Washington",
        "DEFENSE DEPARTMENT VETO AUTHORITY",
        STORY[2],
        STORY[3],
    ];
    check(
        &lines,
        &[
            ("— Jane Doe and John Roe, Washington", Label::Byline),
            ("DEFENSE DEPARTMENT VETO AUTHORITY", Label::Body),
        ],
    );
}

/// A name and the wire ("JANE DOE Associated Press") signs the story; a
/// telephone number is no date; lines holding a web address or mostly
/// numbers (a results table) under the article are no headlines of other
/// stories.
#[test]
fn wire_signature_phone_number_and_table_rows() {
    let lines = [
        HEADLINE,
        "JANE DOE Associated Press",
        STORY[0],
        STORY[1],
        STORY[2],
        STORY[3],
        "Americas+1 212 318 2000",
        "Information from: Daily Paper, http://www.example.com",
        "4 Doe, Jane 11 Central High 6-02.00 6-02.00 3",
    ];
    let got = labels(&lines);
    assert_eq!(got[1], Label::Byline);
    assert_ne!(got[6], Label::Dateline);
    assert_ne!(got[7], Label::Related);
    assert_ne!(got[8], Label::Related);
}

/// The learned dateline gate: the story's date under the byline stays a
/// dateline; the comments' time stamps far below the first paragraph are
/// not the story's date.
#[test]
fn dateline_gate_keeps_the_story_date() {
    let lines = [
        HEADLINE,
        "By Jane Doe",
        "March 2, 1987",
        STORY[0],
        STORY[1],
        STORY[2],
        STORY[3],
        "Comments",
        "Reader One",
        "2 days ago",
        "Agreed with every word of it.",
        "Reader Two",
        "3 days ago",
        "Exports matter more than ever.",
    ];
    let got = labels(&lines);
    assert_eq!(got[2], Label::Dateline);
    assert_ne!(got[9], Label::Dateline);
    assert_ne!(got[12], Label::Dateline);
}

/// "Jane Doe, Daily Paper" and "JANE DOE | NEWS" under the headline name the
/// author and the outlet or desk: byline. "KANSAS CITY, Mo. —" opens the
/// first paragraph with its place and is no name.
#[test]
fn name_and_outlet_under_the_headline() {
    for name in ["Jane Doe, Daily Paper", "JANE DOE | NEWS"] {
        let lines = [HEADLINE, name, STORY[0], STORY[1], STORY[2], STORY[3]];
        check(&lines, &[(name, Label::Byline)]);
    }
    let lines = [HEADLINE, "KANSAS CITY, Mo. —", STORY[0], STORY[1], STORY[2]];
    assert_ne!(labels(&lines)[1], Label::Byline);
}

/// A short sentence-case line with a caption verb in the present tense and
/// no quote describes a picture, with or without a year; a paragraph that
/// reports speech in the present tense stays body.
#[test]
fn present_tense_caption_without_a_year() {
    let caption =
        "Senator Alan Cranston speaks to exporters after the hearing on licensing reform.";
    let said = "Cranston speaks often of exports, and says the bill will help farmers and makers of machine tools alike.";
    let lines = [
        HEADLINE, STORY[0], caption, STORY[1], said, STORY[2], STORY[3],
    ];
    check(&lines, &[(caption, Label::Caption), (said, Label::Body)]);
}

/// "Staff photo by Jane Doe", "Photo by Jane Doe/Daily Paper" and "Staff
/// Photo: Jane Doe" name the picture's maker: credit, even where the line
/// stood as a title.
#[test]
fn photo_by_lines_are_credits() {
    for credit in [
        "Staff photo by Jane Doe",
        "Photo by Jane Doe/The Daily Paper",
        "Staff Photo: Jane Doe",
    ] {
        let lines = [HEADLINE, STORY[0], credit, STORY[1], STORY[2], STORY[3]];
        check(&lines, &[(credit, Label::Credit)]);
    }
}

/// "Posted 2:50 pm, March 2, 1987, by Jane Doe" holds the date and the
/// author: byline, as "By Jane Doe | Posted …" is.
#[test]
fn date_then_author_is_a_byline() {
    let line = "Posted 2:50 pm, March 2, 1987, by Jane Doe";
    let lines = [HEADLINE, line, STORY[0], STORY[1], STORY[2], STORY[3]];
    check(&lines, &[(line, Label::Byline)]);
}

/// A wire photo's caption dates its picture with the weekday and the full
/// date inside the sentence ("…, Tuesday, Nov. 19, 2019, …"): caption,
/// even between paragraphs and without its credit. The caption is
/// corpus/scrapinghub/7de5241947a5.html's; a page's own date line with the
/// weekday ("1:52 pm CDT, Friday, May 31, 2019" shape) stays a dateline.
#[test]
fn wire_dated_captions_are_captions() {
    let caption = "Indiana teachers wearing red have carry signs as they hold rally at the Statehouse in Indianapolis, Tuesday, Nov. 19, 2019, calling for further increasing teacher pay in the biggest such protest in the state amid a wave of educator activism across the country.";
    let date = "2:50 pm EST, Monday, March 2, 1987";
    let lines = [
        HEADLINE, date, STORY[0], caption, STORY[1], STORY[2], STORY[3],
    ];
    check(
        &lines,
        &[(caption, Label::Caption), (date, Label::Dateline)],
    );
}

/// Credits without a "Photo:" opener: "Image copyright Holder" above its
/// picture (the BBC's layout on the Scrapinghub pages 70cb2d5b… and
/// c7e39ac4…, whose "Image caption" line follows; the paragraph above stays
/// the story's), and the photographer's name alone under a wire caption
/// (the credit of corpus/scrapinghub/7de5241947a5.html's caption, without
/// its agency).
#[test]
fn credits_without_a_photo_opener() {
    let copyright = "Image Copyright @BigMachine";
    let caption =
        "Image caption Taylor Swift's seventh album, Lover, is the only one she owns the rights to";
    let lines = [
        HEADLINE, STORY[0], copyright, caption, STORY[1], STORY[2], STORY[3],
    ];
    check(
        &lines,
        &[(copyright, Label::Credit), (caption, Label::Caption)],
    );

    let wire = "Indiana teachers wearing red have carry signs as they hold rally at the Statehouse in Indianapolis, Tuesday, Nov. 19, 2019, calling for further increasing teacher pay in the biggest such protest in the state amid a wave of educator activism across the country.";
    let name = "Michael Conroy";
    let lines = [
        "Close", wire, name, "Save", HEADLINE, STORY[0], STORY[1], STORY[2], STORY[3],
    ];
    check(&lines, &[(wire, Label::Caption), (name, Label::Credit)]);
}

/// A caption with its credit glued on after the sentence, without a photo
/// word: ". - Name" and ".Source:Name". The captions and credited names are
/// the seed page's (corpus/seed/), glued the way scraped galleries glue
/// them; a paragraph that ends with its sentence is not read.
#[test]
fn captions_with_a_dash_or_source_credit() {
    let dash = "Base of the Russian Defense Ministry in Arctic. - Vadim Savitsky";
    let source = "Drill of special ops unit of Chechen Republic near North Pole.Source:Sputnik";
    let lines = [
        HEADLINE, STORY[0], dash, STORY[1], STORY[2], source, STORY[3],
    ];
    check(&lines, &[(dash, Label::Caption), (source, Label::Caption)]);
}

/// The wire's closing credit of reporters elsewhere ("… contributed from
/// Washington.", the writers of a Scrapinghub page's AP story, whose own
/// line says "contributed to this report") is the byline; "Also in
/// Business", a short heading, heads a list of other stories as "More
/// news" does.
#[test]
fn contributed_from_and_also_in_headings() {
    let credit = "Associated Press writers Alan Fram and Zeke Miller contributed from Washington.";
    let heading = "Also in Business";
    let lines = [
        HEADLINE,
        STORY[0],
        STORY[1],
        STORY[2],
        STORY[3],
        "———",
        credit,
        heading,
        "Senate panel backs farm export credit plan",
        "Exporters ask Congress for quicker licences",
    ];
    check(
        &lines,
        &[(credit, Label::Byline), (heading, Label::Related)],
    );
}

/// A line without a word between paragraphs ("———", "___") is a separator
/// the page draws: boilerplate, as the labels' conventions say.
#[test]
fn separator_lines_between_paragraphs_are_boilerplate() {
    let lines = [
        HEADLINE,
        STORY[0],
        "———",
        STORY[1],
        "___",
        STORY[2],
        STORY[3],
    ];
    check(
        &lines,
        &[("———", Label::Boilerplate), ("___", Label::Boilerplate)],
    );
}

/// A reprint notice (the Dow Jones notice of a Scrapinghub page: "for your
/// personal, non-commercial use"), a comment prompt, an alert prompt and
/// the notice of a story's first outlet (these three made up in the style
/// of `reader_prompts_are_boilerplate`) are boilerplate between and under
/// the paragraphs.
#[test]
fn reprint_comment_and_alert_prompts_are_boilerplate() {
    let prompts = [
        "This copy is for your personal, non-commercial use only. To order presentation-ready copies for distribution to your colleagues, clients or customers visit http://www.djreprints.com.",
        "What would you change in the bill? Comment below.",
        "Get email notifications when this story is updated.",
        "This article originally appeared on the Daily Paper's website.",
    ];
    let lines = [
        HEADLINE, prompts[0], STORY[0], STORY[1], prompts[1], STORY[2], prompts[2], STORY[3],
        prompts[3],
    ];
    let want: Vec<(&str, Label)> = prompts.iter().map(|p| (*p, Label::Boilerplate)).collect();
    check(&lines, &want);
}

/// The wire's credit of a member paper's reporting under the story
/// ("Information from: Outlet, <address>", AP's wording, made up here) is
/// the byline.
#[test]
fn information_from_a_member_paper_is_a_byline() {
    let credit = "Information from: The Daily Paper, http://www.example.com/";
    let lines = [HEADLINE, STORY[0], STORY[1], STORY[2], STORY[3], credit];
    check(&lines, &[(credit, Label::Byline)]);
}

/// "By:" alone (the author's name was a link) above the date line is the
/// byline; a name alone right above the first paragraph, past the page's
/// widget lines, is the author, but a button's words ("Read Article") and
/// a name under a caption (its credit) are not.
#[test]
fn bare_by_colon_and_a_name_above_the_article() {
    let by = [
        "Senators introduce export licensing reform bill",
        "By:",
        "Posted: Mar 02, 1987 09:20 AM EST",
        STORY[0],
        STORY[1],
    ];
    check(&by, &[("By:", Label::Byline)]);
    let name = [
        "Sign In",
        "Subscribe",
        "Jane Doe",
        "Save",
        STORY[0],
        STORY[1],
        STORY[2],
    ];
    check(&name, &[("Jane Doe", Label::Byline)]);
    let prompt = [
        "Sign In",
        "Subscribe",
        "Read Article",
        STORY[0],
        STORY[1],
        STORY[2],
    ];
    check(&prompt, &[("Read Article", Label::Boilerplate)]);
}

/// A lead photo's caption and credit above the headline (made up): the
/// line without a sentence's end under the credit, with the byline next,
/// is the headline.
#[test]
fn headline_under_a_lead_photo_credit() {
    let title = "Senators introduce a bill that would cut export licences by two thirds";
    let lines = [
        "Sign In",
        "Subscribe",
        "Sen. Alan Cranston speaks to reporters outside the Capitol in Washington on Tuesday.",
        "AP Photo/Jane Doe",
        title,
        "By John Roe",
        STORY[0],
        STORY[1],
        STORY[2],
    ];
    check(&lines, &[(title, Label::Headline)]);
}

/// Closing notes on the author (made up in the style of
/// `information_from_a_member_paper_is_a_byline`): a beat ("… covers the
/// Senate for …"), an op-ed's "The writer is …" and a wire's "(With inputs
/// from …)" under the last paragraph are the byline.
#[test]
fn beat_writer_and_inputs_notes_are_bylines() {
    for note in [
        "Jane Doe covers the Senate for the Daily Paper. Follow her on Twitter at @janedoe .",
        "The writer is a former trade official.",
        "(With inputs from agencies)",
    ] {
        let lines = [HEADLINE, STORY[0], STORY[1], STORY[2], STORY[3], note];
        check(&lines, &[(note, Label::Byline)]);
    }
}

/// The outlet on its own line under the byline and a name with its
/// address (made up) are the byline, above the first paragraph.
#[test]
fn outlet_under_byline_and_name_with_address() {
    let lines = [
        HEADLINE,
        "By Jane Doe",
        "The Daily Paper",
        STORY[0],
        STORY[1],
        STORY[2],
    ];
    check(&lines, &[("The Daily Paper", Label::Byline)]);
    let mail = "Jane Doe jdoe@dailypaper.com";
    let lines = [
        HEADLINE,
        mail,
        "Get local news delivered to your inbox.",
        STORY[0],
        STORY[1],
        STORY[2],
    ];
    check(&lines, &[(mail, Label::Byline)]);
}

/// A date line signed after a dash ("2 hours ago Daily Paper — Jane Doe",
/// made up) is the byline.
#[test]
fn date_line_signed_after_a_dash_is_a_byline() {
    let signed = "2 hours ago Daily Paper — Jane Doe";
    let lines = [HEADLINE, signed, STORY[0], STORY[1], STORY[2]];
    check(&lines, &[(signed, Label::Byline)]);
}

/// A running story's entries, each under a clock time alone on its line
/// (made up, in the style of a wire's running story): the stamps are body
/// even where only two of them stand past the first paragraph; a time
/// without "a.m."/"p.m." (a video's length) is not read as one.
#[test]
fn clock_stamps_of_a_running_story_are_body() {
    let lines = [
        HEADLINE,
        "March 2, 1987",
        STORY[0],
        "___",
        "1:30 p.m.",
        STORY[1],
        STORY[2],
        "___",
        "8:21 a.m.",
        STORY[3],
    ];
    check(
        &lines,
        &[
            ("March 2, 1987", Label::Dateline),
            ("1:30 p.m.", Label::Body),
            ("8:21 a.m.", Label::Body),
        ],
    );
    let lines = [
        HEADLINE,
        "March 2, 1987",
        STORY[0],
        "1:27",
        STORY[1],
        STORY[2],
    ];
    assert_ne!(labels(&lines)[3], Label::Body);
}

/// A weather widget's forecast, then its own update time, above the
/// headline (made up): the time is the widget's, boilerplate; the story's
/// date under the headline stays its dateline.
#[test]
fn update_time_under_a_forecast_is_boilerplate() {
    let updated = "Updated: March 2, 1987 @ 5:16 pm";
    let lines = [
        "Tonight",
        "Partly cloudy skies. A stray shower is possible. Low 44F. Winds SSW at 5 to 10 mph.",
        updated,
        HEADLINE,
        "Mar 2, 1987",
        STORY[0],
        STORY[1],
        STORY[2],
    ];
    check(
        &lines,
        &[
            (updated, Label::Boilerplate),
            ("Mar 2, 1987", Label::Dateline),
        ],
    );
}

/// Subscription and alert notes between and under the paragraphs (made
/// up) speak of the reader's page, not of the news.
#[test]
fn subscriber_and_alert_notes_are_boilerplate() {
    let notes = [
        "Sorry, your subscription does not include this content.",
        "Thanks for being a subscriber.",
        "Get push notifications with breaking news and more.",
        "Try a subscription for just 99 cents for the first month.",
        "Upgrade to a full digital subscription for only $3 more a month.",
    ];
    let lines = [
        HEADLINE, STORY[0], notes[0], notes[1], STORY[1], notes[2], STORY[2], notes[3], STORY[3],
        notes[4],
    ];
    let want: Vec<(&str, Label)> = notes.iter().map(|n| (*n, Label::Boilerplate)).collect();
    check(&lines, &want);
}

/// Pictures above the story (made up): the wire's "This combination of
/// photos shows …" is a caption, and so is a paragraph between a gallery's
/// "Close" and a photographer's credit.
#[test]
fn combination_photos_and_gallery_captions() {
    let combo = "This combination of photos shows the Capitol on March 2, 1987, top, and the same street on May 13, 2019.";
    let gallery = "Sen. Alan Cranston talks with reporters outside the Senate chamber in Washington during a break in the hearing on export controls, on Monday afternoon.";
    let lines = [
        "Close",
        gallery,
        "Staff photo by Jane Doe",
        "Save",
        HEADLINE,
        combo,
        "Jane Doe/AP",
        STORY[0],
        STORY[1],
        STORY[2],
    ];
    check(
        &lines,
        &[
            (combo, Label::Caption),
            (gallery, Label::Caption),
            ("Staff photo by Jane Doe", Label::Credit),
        ],
    );
}

/// A page's prompts taken for the headline above the story (made up): a
/// form's "Please confirm …", a button's "Click to print", an exclamation
/// and a sentence to the reader are boilerplate; the story's own title
/// below them stays the headline.
#[test]
fn prompts_above_the_story_are_no_headline() {
    for prompt in [
        "Please confirm you are in our delivery area",
        "Click to print (Opens in new window)",
        "Never miss a great story!",
        "You are the owner of this article.",
    ] {
        let lines = [prompt, STORY[0], STORY[1], STORY[2]];
        check(&lines, &[(prompt, Label::Boilerplate)]);
    }
}

/// A gallery above the story (made up): the photographer's name under each
/// caption is its credit, and the same name under the lead photo's caption,
/// right above the first paragraph, is a credit too (not the author's name).
#[test]
fn photographer_repeated_under_captions_is_a_credit() {
    let first = "FILE - In this March 2, 1987, file photo, Sen. Alan Cranston speaks to reporters in Washington.";
    let second = "FILE - In this March 3, 1987, file photo, Sen. Daniel Evans leaves a hearing in Washington.";
    let lines = [
        "Close",
        first,
        "Jane Doe",
        second,
        "Jane Doe",
        HEADLINE,
        "March 2, 1987",
        first,
        "Jane Doe",
        STORY[0],
        STORY[1],
        STORY[2],
    ];
    let text = lines.join("\n");
    let blocks = Segmenter::default().segment(Input::Text(&text), &DocContext::default());
    let names: Vec<Label> = blocks
        .iter()
        .filter(|b| b.text.trim() == "Jane Doe")
        .map(|b| b.label)
        .collect();
    assert_eq!(names, [Label::Credit; 3]);
    check(&lines, &[]);
}

/// A notebook's subheads in capitals between the paragraphs (made up:
/// "UP NEXT", "FIELD NOTES", one after a "___" separator) are body; an
/// "ADVERTISEMENT" marker between them stays boilerplate.
#[test]
fn capital_subheads_between_paragraphs_are_body() {
    let lines = [
        HEADLINE,
        STORY[0],
        "FIELD NOTES",
        STORY[1],
        "___",
        "UP NEXT",
        STORY[2],
        "ADVERTISEMENT",
        STORY[3],
    ];
    check(
        &lines,
        &[
            ("FIELD NOTES", Label::Body),
            ("UP NEXT", Label::Body),
            ("ADVERTISEMENT", Label::Boilerplate),
        ],
    );
}

/// An embedded post's "A post shared by Name (@handle) on" and its date
/// line (made up) are the article's, and a quotation above a photo's credit
/// is the story's paragraph, not the photo's caption.
#[test]
fn embedded_post_lines_and_quotes_above_a_credit_are_body() {
    let shared = "A post shared by Jane Doe (@janedoe) on";
    let date = "Mar 2, 1987 at 1:15pm PST";
    let quote = "\"Our emphasis is two-fold, and we will not give up on it,\" Cranston told reporters on Monday.";
    let lines = [
        HEADLINE,
        STORY[0],
        STORY[1],
        shared,
        date,
        STORY[2],
        quote,
        "(Jane Doe/Getty Images)",
        STORY[3],
    ];
    check(
        &lines,
        &[
            (shared, Label::Body),
            (date, Label::Body),
            (quote, Label::Body),
            ("(Jane Doe/Getty Images)", Label::Credit),
        ],
    );
}

/// A weekday alone right above the story's date line (made up) is part of
/// the date; a weekday over a forecast stays the widget's.
#[test]
fn weekday_over_the_date_line_is_the_dateline() {
    let lines = [
        "Monday",
        "Light showers. Increasing cloudiness. Mild.",
        HEADLINE,
        "Friday",
        "Mar 2, 1987 at 7:37 PM",
        STORY[0],
        STORY[1],
        STORY[2],
    ];
    check(
        &lines,
        &[
            ("Monday", Label::Boilerplate),
            ("Friday", Label::Dateline),
            ("Mar 2, 1987 at 7:37 PM", Label::Dateline),
        ],
    );
}

/// A form's sentences to the reader between its widget lines (made up) are
/// the widget's; a paragraph between two ad markers stays the story's.
#[test]
fn sentences_to_the_reader_inside_a_widget_are_boilerplate() {
    let saved = "Your alert settings have been saved.";
    let problem = "There was a problem saving your alert settings.";
    let lines = [
        HEADLINE,
        "Get email alerts on this topic",
        saved,
        problem,
        "{{description}}",
        STORY[0],
        "Advertisement",
        STORY[1],
        "Advertisement",
        STORY[2],
    ];
    check(
        &lines,
        &[(saved, Label::Boilerplate), (problem, Label::Boilerplate)],
    );
}

/// An editor's note in parentheses above the first paragraph is no gallery
/// control: the paragraph between it and a photo's credit stays the story's
/// (the layout of the syndication set's wire copies, made up here; a
/// paragraph of over 60 words, which the labeller's own caption rule leaves).
#[test]
fn paragraph_under_an_editors_note_is_no_caption() {
    let para = format!("{} {}", STORY[0], STORY[1]);
    let lines = [
        HEADLINE,
        "Updated 14:43 GMT, 2 Mar 1987",
        "(Updates with reaction, background)",
        &para,
        "Photograph by Jane Doe / AFP / Getty",
        STORY[2],
        STORY[3],
    ];
    check(&lines, &[(para.as_str(), Label::Body)]);
}

/// Four title-case words alone between the paragraphs of a plain-text page
/// are a name, a photo's title or a widget's (an office, a film title), not
/// the headline of another story; a longer title-case line is still one.
#[test]
fn four_title_case_words_inside_the_article_are_no_teaser() {
    let short = "Senate Trade Committee Office";
    let teaser = "Farm Groups Urge Congress To Expand Grain Export Credits";
    let lines = [
        HEADLINE, STORY[0], STORY[1], short, STORY[2], teaser, STORY[3],
    ];
    check(
        &lines,
        &[(short, Label::Boilerplate), (teaser, Label::Related)],
    );
}

/// A scrape that runs on from the article into the next story of the
/// section: its title, byline and paragraphs are another story, related.
#[test]
fn injected_story_is_related() {
    let other = [
        "The harbor tunnel reopened to traffic on Saturday morning, two weeks after a burst water main flooded its northern ramp, the transport office said.",
        "Officials said the repairs had cost more than they expected, and that the work on the southern ramp would begin in the autumn when traffic is lighter.",
    ];
    let lines = [
        HEADLINE,
        "By Jane Doe June 01, 2019 5:01 PM",
        STORY[0],
        STORY[1],
        STORY[2],
        STORY[3],
        "Harbor tunnel reopens after two weeks of repairs",
        "Harbor tunnel reopens after two weeks of repairs",
        "By John Roe June 01, 2019 7:09 PM",
        other[0],
        other[1],
    ];
    check(
        &lines,
        &[
            ("By Jane Doe June 01, 2019 5:01 PM", Label::Byline),
            ("By John Roe June 01, 2019 7:09 PM", Label::Related),
            (other[0], Label::Related),
            (other[1], Label::Related),
        ],
    );
}

/// A live page's entries, each a title over a time of day ("14:04 GMT") and
/// its paragraphs, are the page's own body: a time alone is an entry's
/// stamp, not the date of another story pulled into the scrape.
#[test]
fn live_page_entries_are_no_injected_stories() {
    let entry = [
        "The harbor tunnel reopened to traffic on Saturday morning, two weeks after a burst water main flooded its northern ramp, the transport office said.",
        "Officials said the repairs had cost more than they expected, and that the work on the southern ramp would begin in the autumn when traffic is lighter.",
    ];
    let lines = [
        HEADLINE,
        "17:39 GMT",
        "Senators seek export licensing reform",
        STORY[0],
        STORY[1],
        STORY[2],
        STORY[3],
        "Article continues after this message",
        "14:04 GMT",
        "Harbor tunnel reopens after two weeks of repairs",
        entry[0],
        entry[1],
    ];
    check(&lines, &[(entry[0], Label::Body), (entry[1], Label::Body)]);
}

/// "RELATED: <headline>" between the paragraphs is a link to another story,
/// however long its headline runs.
#[test]
fn long_cued_headline_is_related() {
    let cued = "RELATED: City council approves a new plan to rebuild the old harbor bridge after the winter storms";
    let lines = [HEADLINE, STORY[0], STORY[1], cued, STORY[2], STORY[3]];
    check(&lines, &[(cued, Label::Related)]);
}

/// A form's field label ("Zip Code" of a paywall's delivery-area check)
/// reads like a two-word name: the field words make it boilerplate, not a
/// byline beside the date.
#[test]
fn form_field_label_is_no_byline() {
    let lines = [
        HEADLINE,
        "Zip Code",
        "June 1, 2019",
        STORY[0],
        STORY[1],
        STORY[2],
        STORY[3],
    ];
    check(&lines, &[("Zip Code", Label::Boilerplate)]);
}

/// A photo's caption and a widget line before the story: no line was taken
/// for the headline. The unpunctuated line right over the byline is it.
#[test]
fn unpunctuated_line_over_the_byline_is_the_headline() {
    let head = "Harbor town votes to rebuild its old bridge after the winter storms";
    let lines = [
        "The old harbor bridge stands closed to traffic after the storms of last winter, with its northern ramp under water for two weeks.",
        "Weather",
        head,
        "By Jane Doe",
        STORY[0],
        STORY[1],
        STORY[2],
        STORY[3],
    ];
    check(
        &lines,
        &[(head, Label::Headline), ("By Jane Doe", Label::Byline)],
    );
}
