//! Parquet files (Hugging Face datasets ship as Parquet): each row becomes a JSON object and
//! goes through the same field options as a JSON Lines record.
//!
//! The `parquet` crate's row API is used rather than arrow: rows are what copydesk needs, and
//! arrow would multiply the build time (see ARCHITECTURE.md, "Dependencies"). Rows are read one
//! row group at a time by the crate, so memory is bounded by a row group, not the file.

use std::fs::File;

use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::{Field, Row};
use serde_json::{Map, Number, Value};

use crate::document::{Format, Origin, Position};
use crate::error::{ErrorKind, RecordError};
use crate::raw::{Payload, Raw, RawRecord};

/// The rows of one Parquet file, as JSON objects ready for field lookup.
pub struct ParquetRows {
    rows: parquet::record::reader::RowIter<'static>,
    path: String,
    row: u64,
    done: bool,
}

impl ParquetRows {
    /// Opens the file and reads its footer; a file that is not Parquet fails here.
    pub fn open(file: File, path: String) -> Result<Self, RecordError> {
        let reader = SerializedFileReader::new(file).map_err(|e| {
            RecordError::new(
                Origin::new(path.clone(), Position::File),
                ErrorKind::Parquet(e.to_string()),
            )
        })?;
        let boxed: Box<dyn FileReader> = Box::new(reader);
        Ok(ParquetRows {
            rows: parquet::record::reader::RowIter::from_file_into(boxed),
            path,
            row: 0,
            done: false,
        })
    }
}

impl Iterator for ParquetRows {
    type Item = Raw;

    fn next(&mut self) -> Option<Raw> {
        if self.done {
            return None;
        }
        let row = self.rows.next()?;
        self.row += 1;
        let origin = Origin::new(self.path.clone(), Position::Row(self.row));
        match row {
            Ok(row) => Some(Ok(RawRecord {
                origin,
                format: Format::Parquet,
                payload: Payload::Record(Box::new(row_to_object(&row))),
            })),
            Err(e) => {
                // A corrupt page leaves the reader in an unknown state: stop this file here.
                self.done = true;
                Some(Err(RecordError::new(
                    origin,
                    ErrorKind::Parquet(e.to_string()),
                )))
            }
        }
    }
}

fn row_to_object(row: &Row) -> Map<String, Value> {
    row.get_column_iter()
        .map(|(name, field)| (name.clone(), field_to_json(field)))
        .collect()
}

/// A Parquet value as JSON. Binary columns holding UTF-8 (common for text written without the
/// string annotation) become strings; other binary data, which copydesk cannot read as text,
/// becomes null. Dates, times and decimals take the crate's display form.
fn field_to_json(field: &Field) -> Value {
    match field {
        Field::Null => Value::Null,
        Field::Bool(b) => Value::Bool(*b),
        Field::Byte(n) => Value::from(*n),
        Field::Short(n) => Value::from(*n),
        Field::Int(n) => Value::from(*n),
        Field::Long(n) => Value::from(*n),
        Field::UByte(n) => Value::from(*n),
        Field::UShort(n) => Value::from(*n),
        Field::UInt(n) => Value::from(*n),
        Field::ULong(n) => Value::from(*n),
        Field::Float16(n) => float(f64::from(*n)),
        Field::Float(n) => float(f64::from(*n)),
        Field::Double(n) => float(*n),
        Field::Str(s) => Value::String(s.clone()),
        Field::Bytes(b) => std::str::from_utf8(b.data())
            .map(|s| Value::String(s.to_owned()))
            .unwrap_or(Value::Null),
        Field::Group(row) => Value::Object(row_to_object(row)),
        Field::ListInternal(list) => {
            Value::Array(list.elements().iter().map(field_to_json).collect())
        }
        Field::MapInternal(map) => Value::Object(
            map.entries()
                .iter()
                .map(|(k, v)| {
                    let key = match field_to_json(k) {
                        Value::String(s) => s,
                        other => other.to_string(),
                    };
                    (key, field_to_json(v))
                })
                .collect(),
        ),
        other => Value::String(other.to_string()),
    }
}

fn float(n: f64) -> Value {
    Number::from_f64(n)
        .map(Value::Number)
        .unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use parquet::basic::Compression;
    use parquet::data_type::{ByteArray, ByteArrayType};
    use parquet::file::properties::WriterProperties;
    use parquet::file::writer::SerializedFileWriter;
    use parquet::schema::parser::parse_message_type;

    use super::*;
    use crate::raw::parse;
    use crate::FieldNames;

    fn write(path: &std::path::Path, texts: &[&str], compression: Compression) {
        let schema = parse_message_type(
            "message doc { required binary id (UTF8); optional binary text (UTF8); }",
        )
        .expect("schema");
        let props = WriterProperties::builder()
            .set_compression(compression)
            .build();
        let file = File::create(path).expect("create");
        let mut writer =
            SerializedFileWriter::new(file, Arc::new(schema), Arc::new(props)).expect("writer");
        let mut group = writer.next_row_group().expect("group");
        let ids: Vec<ByteArray> = (0..texts.len())
            .map(|i| format!("p{i}").as_str().into())
            .collect();
        let values: Vec<ByteArray> = texts
            .iter()
            .filter(|t| !t.is_empty())
            .map(|t| (*t).into())
            .collect();
        let defs: Vec<i16> = texts.iter().map(|t| i16::from(!t.is_empty())).collect();
        let mut column = group.next_column().expect("id").expect("id");
        column
            .typed::<ByteArrayType>()
            .write_batch(&ids, None, None)
            .expect("ids");
        column.close().expect("close");
        let mut column = group.next_column().expect("text").expect("text");
        column
            .typed::<ByteArrayType>()
            .write_batch(&values, Some(&defs), None)
            .expect("texts");
        column.close().expect("close");
        group.close().expect("group");
        writer.close().expect("file");
    }

    #[test]
    fn rows_become_documents_and_a_row_without_text_is_reported_by_row() {
        let dir = tempfile::tempdir().expect("tempdir");
        for compression in [
            Compression::SNAPPY,
            Compression::ZSTD(Default::default()),
            Compression::UNCOMPRESSED,
        ] {
            let path = dir.path().join("t.parquet");
            write(&path, &["first story", "", "third story"], compression);
            let rows = ParquetRows::open(File::open(&path).expect("open"), "t.parquet".into())
                .expect("parquet");
            let out: Vec<_> = rows
                .map(|raw| raw.and_then(|r| parse(r, &FieldNames::default())))
                .collect();
            assert_eq!(out.len(), 3);
            assert_eq!(
                out[0].as_ref().expect("row 1").content.as_str(),
                "first story"
            );
            assert_eq!(out[2].as_ref().expect("row 3").id, "p2");
            let err = out[1].as_ref().expect_err("no text");
            assert!(
                err.to_string().starts_with("t.parquet:row 2: no text"),
                "{err}"
            );
        }
    }

    #[test]
    fn a_file_that_is_not_parquet_is_reported() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("bad.parquet");
        std::fs::write(&path, b"not parquet at all").expect("write");
        let err = ParquetRows::open(File::open(&path).expect("open"), "bad.parquet".into())
            .err()
            .expect("an error");
        assert!(
            err.to_string()
                .starts_with("bad.parquet: malformed Parquet data"),
            "{err}"
        );
    }
}
