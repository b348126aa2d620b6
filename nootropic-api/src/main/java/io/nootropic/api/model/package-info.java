/// The model SPI: providers, model descriptors, chat requests and responses, streaming and usage.
package io.nootropic.api.model;
