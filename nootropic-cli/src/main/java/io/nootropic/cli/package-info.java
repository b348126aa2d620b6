/// The `nootropic` command-line tool.
package io.nootropic.cli;
