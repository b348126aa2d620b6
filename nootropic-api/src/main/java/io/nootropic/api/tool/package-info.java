/// Tools (functions) a model may call, described with JSON Schema.
package io.nootropic.api.tool;
