package io.nootropic.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nootropic.runtime.journal.JournalRecord;
import io.nootropic.runtime.journal.Recovery;
import io.nootropic.runtime.journal.StoreClosedException;
import io.nootropic.runtime.journal.StoreException;
import io.nootropic.runtime.journal.TaskStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/// The contract every [TaskStore] keeps: records are appended in order with gapless sequence
/// numbers, survive a reopen exactly, snapshots replace what they cover, a torn last record is cut
/// and reported (never replayed, never fatal), a second writer on the same store is refused, and
/// a closed store refuses writes.
///
/// Extend it with the store under test, as the embedded journal's test does:
///
/// ```java
/// class FileTaskStoreContractTest extends TaskStoreContract {
///   @TempDir Path dir;
///   @Override protected TaskStore open() { return FileTaskStore.open(dir); }
///   @Override protected void tearLastRecord() { /* cut a few bytes off the newest segment */ }
/// }
/// ```
///
/// Each test works on one fresh location: [#open()] returns a store over it, and a second call
/// opens the same location again (after the first was closed, to test recovery; while it is
/// open, to test that a second writer is refused).
///
/// @since 0.1
public abstract class TaskStoreContract {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /// Opens the store at this test's location.
  protected abstract TaskStore open();

  /// Damages the store (closed at the time) as a crash in the middle of writing its last record
  /// would: the record is half there.
  protected abstract void tearLastRecord() throws Exception;

  private static ObjectNode data(int i) {
    return JSON.objectNode().put("task", "t" + i).put("n", i).put("text", "é ✓ " + "x".repeat(i));
  }

  private static List<JournalRecord> appendSome(TaskStore s, int n) {
    List<JournalRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(s.append(i % 2 == 0 ? "run-a" : "run-b", "task.succeeded", data(i)));
    }
    return out;
  }

  @Test
  void aNewStoreIsEmpty() {
    try (TaskStore s = open()) {
      assertThat(s.lastSeq()).isZero();
      assertThat(s.recovery().records()).isEmpty();
      assertThat(s.recovery().snapshot()).isEmpty();
      assertThat(s.recovery().report().truncated()).isFalse();
    }
  }

  @Test
  void appendsGetGaplessSequenceNumbersAndKeepTheirContent() {
    try (TaskStore s = open()) {
      List<JournalRecord> written = appendSome(s, 5);
      for (int i = 0; i < written.size(); i++) {
        JournalRecord r = written.get(i);
        assertThat(r.seq()).isEqualTo(i + 1);
        assertThat(r.runId()).isEqualTo(i % 2 == 0 ? "run-a" : "run-b");
        assertThat(r.type()).isEqualTo("task.succeeded");
        assertThat(r.data()).isEqualTo(data(i));
        assertThat(r.time()).isNotNull();
      }
      assertThat(s.lastSeq()).isEqualTo(5);
    }
  }

  @Test
  void everythingAppendedIsRecoveredExactlyAfterAReopen() {
    List<JournalRecord> written;
    try (TaskStore s = open()) {
      written = appendSome(s, 20);
    }
    try (TaskStore s = open()) {
      Recovery r = s.recovery();
      assertThat(r.records()).hasSize(20);
      for (int i = 0; i < 20; i++) {
        JournalRecord a = written.get(i);
        JournalRecord b = r.records().get(i);
        assertThat(b.seq()).isEqualTo(a.seq());
        assertThat(b.runId()).isEqualTo(a.runId());
        assertThat(b.type()).isEqualTo(a.type());
        assertThat(b.data()).isEqualTo(a.data());
      }
      assertThat(r.report().records()).isEqualTo(20);
      assertThat(r.report().truncated()).isFalse();
      assertThat(s.lastSeq()).isEqualTo(20);
      assertThat(s.append("run-a", "next", JSON.nullNode()).seq()).isEqualTo(21);
    }
  }

  @Test
  void aSnapshotReplacesTheRecordsItCovers() {
    JsonNode state = JSON.objectNode().put("folded", 3);
    try (TaskStore s = open()) {
      appendSome(s, 3);
      s.snapshot(state);
      appendSome(s, 2);
    }
    try (TaskStore s = open()) {
      Recovery r = s.recovery();
      assertThat(r.snapshot()).hasValueSatisfying(snap -> {
        assertThat(snap.seq()).isEqualTo(3);
        assertThat(snap.state()).isEqualTo(state);
      });
      assertThat(r.records()).extracting(JournalRecord::seq).containsExactly(4L, 5L);
      assertThat(s.lastSeq()).isEqualTo(5);
    }
  }

  @Test
  void aTornLastRecordIsCutAndReportedAndTheStoreGoesOn() throws Exception {
    try (TaskStore s = open()) {
      appendSome(s, 3);
    }
    tearLastRecord();
    try (TaskStore s = open()) {
      Recovery r = s.recovery();
      assertThat(r.records()).extracting(JournalRecord::seq).containsExactly(1L, 2L);
      assertThat(r.report().truncated()).as("the cut is reported").isTrue();
      assertThat(s.append("run-a", "after", JSON.nullNode()).seq()).isEqualTo(3);
    }
    try (TaskStore s = open()) {
      assertThat(s.recovery().records()).extracting(JournalRecord::type).containsExactly("task.succeeded",
          "task.succeeded", "after");
    }
  }

  @Test
  void aSecondWriterIsRefusedWhileTheFirstHoldsTheStore() {
    try (TaskStore first = open()) {
      first.append("run-a", "one", JSON.nullNode());
      assertThatThrownBy(this::open).isInstanceOf(StoreException.class);
      assertThat(first.append("run-a", "two", JSON.nullNode()).seq()).isEqualTo(2);
    }
    try (TaskStore again = open()) {
      assertThat(again.recovery().records()).hasSize(2);
    }
  }

  @Test
  void aDeferredAppendIsDurableOnceAwaited() {
    try (TaskStore s = open()) {
      JournalRecord r = s.appendDeferred("run-a", "deferred", data(1));
      s.awaitDurable(r.seq());
      assertThat(r.seq()).isEqualTo(1);
    }
    try (TaskStore s = open()) {
      assertThat(s.recovery().records()).singleElement().satisfies(r -> assertThat(r.data()).isEqualTo(data(1)));
    }
  }

  @Test
  void aClosedStoreRefusesWritesAndClosingAgainIsHarmless() {
    TaskStore s = open();
    s.append("run-a", "one", JSON.nullNode());
    s.close();
    s.close();
    assertThatThrownBy(() -> s.append("run-a", "two", JSON.nullNode())).isInstanceOf(StoreClosedException.class);
  }
}
