# Sourced by .ci/run and ./nootropic: export JAVA_HOME pointing at a JDK 25 or newer.
# Order: $JAVA_HOME if it is 25+, else /usr/lib/jvm/temurin-25-jdk-amd64, else a clear error.
_nootropic_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1
}
_nootropic_jdk=""
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(_nootropic_java_major "$JAVA_HOME")" -ge 25 ] 2>/dev/null; then
  _nootropic_jdk="$JAVA_HOME"
elif [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  _nootropic_jdk=/usr/lib/jvm/temurin-25-jdk-amd64
else
  echo "error: Nootropic needs a JDK 25 or newer. Set JAVA_HOME to one (found: ${JAVA_HOME:-unset}) or install Temurin 25 at /usr/lib/jvm/temurin-25-jdk-amd64." >&2
  exit 1
fi
export JAVA_HOME="$_nootropic_jdk"
export PATH="$JAVA_HOME/bin:$PATH"
