//! Writes a JSON Lines file as Parquet (string columns, zstd), to measure the Parquet reader
//! on the same documents as a JSON Lines run.
//!
//!     cargo run --release -p copydesk-corpus --example jsonl_to_parquet -- IN.jsonl OUT.parquet [ROWS_PER_GROUP]
//!
//! The columns are the string fields of the first record; missing values are null, values
//! that are not strings are written as their JSON text.

use std::error::Error;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::sync::Arc;

use parquet::basic::{Compression, ZstdLevel};
use parquet::data_type::{ByteArray, ByteArrayType};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use serde_json::{Map, Value};

const DEFAULT_ROWS_PER_GROUP: usize = 10_000;

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (input, output, rows_per_group) = match args.as_slice() {
        [i, o] => (i, o, DEFAULT_ROWS_PER_GROUP),
        [i, o, n] => (i, o, n.parse::<usize>()?.max(1)),
        _ => return Err("usage: jsonl_to_parquet IN.jsonl OUT.parquet [ROWS_PER_GROUP]".into()),
    };
    let mut lines = BufReader::new(File::open(input)?).lines();
    let first: Map<String, Value> = match lines.next() {
        Some(line) => serde_json::from_str(&line?)?,
        None => return Err("empty input".into()),
    };
    let columns: Vec<String> = first.keys().cloned().collect();
    let schema = parse_message_type(&format!(
        "message doc {{ {} }}",
        columns
            .iter()
            .map(|c| format!("optional binary {c} (UTF8);"))
            .collect::<String>()
    ))?;
    let props = WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::default()))
        .build();
    let mut writer =
        SerializedFileWriter::new(File::create(output)?, Arc::new(schema), Arc::new(props))?;
    let mut group: Vec<Map<String, Value>> = vec![first];
    let mut rows = 0usize;
    loop {
        let next = lines.next();
        if let Some(line) = &next {
            group.push(serde_json::from_str(
                line.as_ref().map_err(|e| e.to_string())?,
            )?);
        }
        if group.len() == rows_per_group || (next.is_none() && !group.is_empty()) {
            let mut rg = writer.next_row_group()?;
            for name in &columns {
                let mut values = Vec::new();
                let mut defs = Vec::new();
                for record in &group {
                    match record.get(name) {
                        None | Some(Value::Null) => defs.push(0i16),
                        Some(Value::String(s)) => {
                            values.push(ByteArray::from(s.as_str()));
                            defs.push(1);
                        }
                        Some(other) => {
                            values.push(ByteArray::from(other.to_string().as_str()));
                            defs.push(1);
                        }
                    }
                }
                let Some(mut column) = rg.next_column()? else {
                    return Err("schema has fewer columns than expected".into());
                };
                column
                    .typed::<ByteArrayType>()
                    .write_batch(&values, Some(&defs), None)?;
                column.close()?;
            }
            rg.close()?;
            rows += group.len();
            group.clear();
        }
        if next.is_none() {
            break;
        }
    }
    writer.close()?;
    eprintln!("{rows} rows, {} columns", columns.len());
    Ok(())
}
