/// A compact interpreter of the Jinja subset used by chat templates: not public API, may change.
/// The public entry point is [io.nootropic.inference.chat.ChatTemplate].
package io.nootropic.inference.internal.jinja;
