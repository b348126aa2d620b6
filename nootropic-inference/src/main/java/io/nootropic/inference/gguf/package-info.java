/// Reading and writing GGUF files (versions 2 and 3): [GgufFile] maps a file with Panama FFM and
/// validates everything it declares, [GgufMetadata] holds its typed key/value pairs,
/// [GgufTensorInfo] describes a tensor whose bytes are a zero-copy view of the mapping, and
/// [GgufWriter] produces valid version 3 files. Any violation of the format is a
/// [GgufFormatException] naming the byte offset and the rule broken.
package io.nootropic.inference.gguf;
