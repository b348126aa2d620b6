/// The hello plugin.
package io.nootropic.example.hello;
