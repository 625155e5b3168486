//! Pages per second of HTML parsers on the shared evaluation pages, one thread.
//! Each parser does the least that segmentation needs: parse the page and visit
//! every text node (copydesk-segment does the whole segmentation).

use std::hint::black_box;
use std::time::Instant;

fn pages(path: &str) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("html").and_then(|h| h.as_str()).map(str::to_string))
        .collect()
}

fn time(name: &str, set: &str, pages: &[String], f: &dyn Fn(&str) -> usize) {
    // Warm up on the first page, then the best of three runs over the set.
    black_box(f(&pages[0]));
    let mut best = f64::MAX;
    let mut total = 0;
    for _ in 0..3 {
        let t = Instant::now();
        total = 0;
        for p in pages {
            total += black_box(f(p));
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    let mb: usize = pages.iter().map(String::len).sum();
    println!(
        "{set:<12} {name:<34} {:>8.0} pages/s {:>7.1} MB/s  ({} text bytes seen)",
        pages.len() as f64 / best,
        mb as f64 / 1e6 / best,
        total
    );
}

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "../shared/eval".into());
    let seg = copydesk_segment::Segmenter::default();
    for set in ["scrapinghub_aeb", "l3s_gn1"] {
        let ps = pages(&format!("{dir}/{set}.jsonl"));
        if ps.is_empty() {
            eprintln!("no pages in {dir}/{set}.jsonl");
            continue;
        }
        time("copydesk-segment (full labelling)", set, &ps, &|h| {
            seg.segment(copydesk_segment::Input::Html(h), &Default::default()).iter().map(|b| b.text.len()).sum()
        });
        time("html5ever via scraper (DOM)", set, &ps, &|h| {
            let doc = scraper::Html::parse_document(h);
            doc.root_element().text().map(str::len).sum()
        });
        time("tl (DOM)", set, &ps, &|h| match tl::parse(h, tl::ParserOptions::default()) {
            Ok(dom) => dom.nodes().iter().filter_map(|n| n.as_raw()).map(|b| b.as_bytes().len()).sum(),
            Err(_) => 0,
        });
        time("html5gum (tokens only)", set, &ps, &|h| {
            let mut n = 0;
            for tok in html5gum::Tokenizer::new(h).infallible() {
                if let html5gum::Token::String(s) = tok {
                    n += s.len();
                }
            }
            n
        });
        time("lol_html (streaming rewriter)", set, &ps, &|h| {
            let count = std::cell::Cell::new(0usize);
            let mut rewriter = lol_html::HtmlRewriter::new(
                lol_html::Settings {
                    element_content_handlers: vec![lol_html::text!("*", |t| {
                        count.set(count.get() + t.as_str().len());
                        Ok(())
                    })],
                    ..lol_html::Settings::new()
                },
                |_: &[u8]| {},
            );
            let _ = rewriter.write(h.as_bytes());
            let _ = rewriter.end();
            count.get()
        });
    }
}
