//! Development driver: counts the heap allocations made while segmenting a
//! JSON Lines file (fields `id`, `text` or `html`), to weigh changes that
//! should allocate less. Only the `Segmenter::segment` calls are counted,
//! not reading the JSON; blocks are dropped right after, as in `segment`.
//! Prints the documents, bytes read, allocations (reallocations counted as
//! one more), the bytes they asked for, and those of them of 4 KiB or more:
//! large blocks are the ones the allocator takes fresh pages for, which the
//! kernel zeroes (seen under `copydesk dedup` in perf).
//!
//!     cargo run --release -p copydesk-segment --example segment_allocs -- FILE

// A global allocator is an `unsafe impl`: this driver only counts and passes
// every call on to mimalloc, the binary's allocator.
#![allow(unsafe_code)]

use copydesk_segment::{DocContext, Input, Segmenter};
use std::alloc::{GlobalAlloc, Layout};
use std::io::BufRead;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};

struct Counting;

static ON: AtomicBool = AtomicBool::new(false);
static COUNT: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);
static LARGE: AtomicU64 = AtomicU64::new(0);
static LARGE_BYTES: AtomicU64 = AtomicU64::new(0);

fn note(size: usize) {
    if ON.load(Relaxed) {
        COUNT.fetch_add(1, Relaxed);
        BYTES.fetch_add(size as u64, Relaxed);
        if size >= 4096 {
            LARGE.fetch_add(1, Relaxed);
            LARGE_BYTES.fetch_add(size as u64, Relaxed);
        }
    }
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        unsafe { mimalloc::MiMalloc.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        unsafe { mimalloc::MiMalloc.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note(new_size);
        unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: segment_allocs FILE")?;
    let mut docs: Vec<(String, bool)> = Vec::new();
    for line in std::io::BufReader::new(std::fs::File::open(path)?).lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        if let serde_json::Value::Object(m) = serde_json::from_str(&line)? {
            let get = |k: &str| m.get(k).and_then(|v| v.as_str()).map(str::to_string);
            docs.push(match get("html") {
                Some(h) => (h, true),
                None => (get("text").unwrap_or_default(), false),
            });
        }
    }
    let seg = Segmenter::default();
    let ctx = DocContext::default();
    let mut bytes = 0usize;
    for (content, html) in &docs {
        bytes += content.len();
        let input = if *html {
            Input::Html(content)
        } else {
            Input::Text(content)
        };
        ON.store(true, Relaxed);
        let blocks = seg.segment(input, &ctx);
        ON.store(false, Relaxed);
        drop(std::hint::black_box(blocks));
    }
    println!(
        "{} docs, {} bytes: {} allocations, {} bytes allocated; {} of 4 KiB or more, {} bytes",
        docs.len(),
        bytes,
        COUNT.load(Relaxed),
        BYTES.load(Relaxed),
        LARGE.load(Relaxed),
        LARGE_BYTES.load(Relaxed)
    );
    Ok(())
}
