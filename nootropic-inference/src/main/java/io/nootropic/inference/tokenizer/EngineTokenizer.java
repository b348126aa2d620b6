package io.nootropic.inference.tokenizer;

import io.nootropic.inference.internal.tokenizer.TokenizerEngine;
import io.nootropic.inference.internal.tokenizer.Vocabulary;
import io.nootropic.inference.internal.tokenizer.VocabularyException;
import java.util.Objects;

/// [Tokenizer] backed by an internal engine; checks ids and translates internal errors.
final class EngineTokenizer implements Tokenizer {

  private final TokenizerEngine engine;

  private EngineTokenizer(TokenizerEngine engine) {
    this.engine = engine;
  }

  static Tokenizer of(Vocabulary vocabulary) {
    try {
      return new EngineTokenizer(TokenizerEngine.create(vocabulary));
    } catch (VocabularyException e) {
      throw new TokenizerException(e.getMessage(), e);
    }
  }

  private int check(int token) {
    if (token < 0 || token >= engine.vocabSize()) {
      throw new TokenizerException("token id " + token + " is outside the vocabulary [0, "
          + engine.vocabSize() + ")");
    }
    return token;
  }

  @Override
  public int[] encode(String text, boolean addSpecial, boolean parseSpecial) {
    return engine.encode(Objects.requireNonNull(text, "text"), addSpecial, parseSpecial);
  }

  @Override
  public String decode(int[] tokens) {
    for (int t : tokens) {
      check(t);
    }
    return engine.decode(tokens);
  }

  @Override
  public String decodeRaw(int[] tokens, boolean renderSpecial) {
    for (int t : tokens) {
      check(t);
    }
    return engine.decodeRaw(tokens, renderSpecial);
  }

  @Override
  public byte[] tokenBytes(int token) {
    return engine.tokenBytes(check(token)).clone();
  }

  @Override
  public String piece(int token) {
    return engine.piece(check(token));
  }

  @Override
  public int tokenId(String piece) {
    return engine.tokenId(Objects.requireNonNull(piece, "piece"));
  }

  @Override
  public int vocabSize() {
    return engine.vocabSize();
  }

  @Override
  public int bos() {
    return engine.bos();
  }

  @Override
  public int eos() {
    return engine.eos();
  }

  @Override
  public int eot() {
    return engine.eot();
  }

  @Override
  public boolean addsBos() {
    return engine.addsBos();
  }

  @Override
  public boolean addsEos() {
    return engine.addsEos();
  }

  @Override
  public boolean isEndOfGeneration(int token) {
    return engine.isEndOfGeneration(token);
  }

  @Override
  public boolean isControl(int token) {
    return engine.isControl(token);
  }

  @Override
  public String model() {
    return engine.modelName();
  }

  @Override
  public String preTokenizer() {
    return engine.preTokenizer();
  }

  @Override
  public String toString() {
    return "Tokenizer[" + model() + ", pre=" + preTokenizer() + ", " + vocabSize() + " tokens]";
  }
}
