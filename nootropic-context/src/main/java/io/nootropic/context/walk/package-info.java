/// Walking a workspace: `.gitignore` rules, ignore lists, binary and size filters, problem reports.
package io.nootropic.context.walk;
