/// Reading and writing GGUF files (versions 2 and 3): [GgufFile] maps a file with Panama FFM and
/// validates everything it declares, [GgufMetadata] holds its typed key/value pairs,
/// [GgufTensorInfo] describes a tensor whose bytes are a zero-copy view of the mapping, and
/// [GgufWriter] produces valid version 3 files. Any violation of the format is a
/// [GgufFormatException] naming the byte offset and the rule broken.
///
/// ## Rules (ids returned by [GgufFormatException#rule()])
///
/// Every size the file declares is checked against the bytes that remain **before** anything is
/// allocated from it, and against a fixed cap, so the heap used by a parse is bounded by a small
/// multiple of the file's size (a few KiB for a small hostile file).
///
/// | rule | meaning |
/// | --- | --- |
/// | `truncated-header` | fewer than the 24 header bytes |
/// | `bad-magic` | the file does not start with `GGUF` |
/// | `big-endian-unsupported` | a big-endian GGUF file |
/// | `unsupported-version` | version other than 2 or 3 |
/// | `tensor-count-exceeds-file`, `kv-count-exceeds-file` | a count that cannot fit in the bytes left (including counts ≥ 2^63) |
/// | `tensor-count-too-large`, `kv-count-too-large` | a count above the cap (2^20) |
/// | `truncated` | the file ends inside a field |
/// | `key-empty`, `key-too-long`, `key-invalid-utf8` | keys must be 1..65535 bytes of valid UTF-8 |
/// | `duplicate-key` | the same key twice |
/// | `unknown-value-type` | a metadata type id other than 0..12 |
/// | `string-length-exceeds-file`, `string-too-long` | a string longer than the bytes left, or than 64 MiB |
/// | `bool-invalid` | a bool byte other than 0 or 1 |
/// | `nested-array` | an array of arrays |
/// | `array-length-exceeds-file`, `array-too-long` | more elements than the bytes left can hold, or than 2^28 |
/// | `key-wrong-type` | a well-known key with the wrong type, e.g. `tokenizer.ggml.tokens` not `ARRAY<STRING>`, `general.alignment` not UINT32, `<arch>.block_count` not an integer (also from typed getters) |
/// | `token-array-length-mismatch` | `tokenizer.ggml.scores`/`token_type` length differs from `tokens` |
/// | `alignment-invalid` | `general.alignment` not a power of two in [1, 65536] |
/// | `tensor-name-empty`, `tensor-name-too-long`, `tensor-name-invalid-utf8` | names must be 1..256 bytes of UTF-8 |
/// | `duplicate-tensor-name` | two tensors with the same name |
/// | `tensor-dims-out-of-range` | `n_dims` outside 1..4 |
/// | `tensor-dim-out-of-range` | a dimension ≤ 0 (or ≥ 2^63) |
/// | `tensor-size-overflow` | element count or byte size overflows 64 bits (`Math.multiplyExact`) |
/// | `unknown-tensor-type` | a ggml type id that is unknown or was removed |
/// | `tensor-row-not-block-multiple` | `ne0` not a multiple of the type's block size |
/// | `tensor-offset-misaligned` | a tensor offset not a multiple of the alignment |
/// | `tensor-data-out-of-bounds` | tensor data (or the data section) past the end of the file |
/// | `tensor-overlap` | two tensors' bytes overlap |
/// | `missing-key`, `key-out-of-range` | from typed getters such as [GgufMetadata#getInt(String, int, int)] |
/// | `file-changed-while-mapped` | [MappedFileChangedException]: the file was truncated, replaced or modified while mapped |
package io.nootropic.inference.gguf;
