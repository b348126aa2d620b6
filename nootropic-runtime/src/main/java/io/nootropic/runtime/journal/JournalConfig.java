package io.nootropic.runtime.journal;

import java.time.Clock;
import java.util.Objects;

/// Settings of the embedded [FileTaskStore].
///
/// @param syncPolicy     when records are forced to disk
/// @param segmentBytes   a segment file is closed and a new one started past this size
/// @param maxRecordBytes larger records are refused (and a larger length field is corruption)
/// @param channels       opens segment files; replace it to inject faults in tests
/// @param clock          stamps records
public record JournalConfig(
    SyncPolicy syncPolicy, long segmentBytes, int maxRecordBytes, ChannelFactory channels, Clock clock) {

  /// Checks the fields.
  public JournalConfig {
    Objects.requireNonNull(syncPolicy, "syncPolicy");
    Objects.requireNonNull(channels, "channels");
    Objects.requireNonNull(clock, "clock");
    if (segmentBytes < 1024) {
      throw new IllegalArgumentException("segmentBytes must be at least 1024, was " + segmentBytes);
    }
    if (maxRecordBytes < 64) {
      throw new IllegalArgumentException("maxRecordBytes must be at least 64, was " + maxRecordBytes);
    }
  }

  /// Defaults: fsync per record, 64 MiB segments, 16 MiB records at most, system clock.
  public static JournalConfig ofDefaults() {
    return custom().build();
  }

  /// Starts a builder with the defaults.
  public static Builder custom() {
    return new Builder();
  }

  /// Builds a [JournalConfig].
  public static final class Builder {
    private SyncPolicy syncPolicy = SyncPolicy.EVERY_RECORD;
    private long segmentBytes = 64L << 20;
    private int maxRecordBytes = 16 << 20;
    private ChannelFactory channels = ChannelFactory.DEFAULT;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /// Sets when records are forced to disk.
    public Builder syncPolicy(SyncPolicy syncPolicy) {
      this.syncPolicy = syncPolicy;
      return this;
    }

    /// Sets the segment size after which a new file is started.
    public Builder segmentBytes(long segmentBytes) {
      this.segmentBytes = segmentBytes;
      return this;
    }

    /// Sets the largest accepted record.
    public Builder maxRecordBytes(int maxRecordBytes) {
      this.maxRecordBytes = maxRecordBytes;
      return this;
    }

    /// Sets how segment files are opened.
    public Builder channels(ChannelFactory channels) {
      this.channels = channels;
      return this;
    }

    /// Sets the clock that stamps records.
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /// Builds the configuration.
    public JournalConfig build() {
      return new JournalConfig(syncPolicy, segmentBytes, maxRecordBytes, channels, clock);
    }
  }
}
