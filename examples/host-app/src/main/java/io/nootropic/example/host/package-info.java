/// The README's "embed it in your app" example.
package io.nootropic.example.host;
