/// Token sampling: greedy, temperature, top-k, top-p, min-p, repetition and presence penalties,
/// with a seeded random generator so that a seed reproduces a run exactly.
package io.nootropic.inference.sampling;
