//! Streaming readers for news corpora (being written).
