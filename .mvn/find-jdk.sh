# Sourced by ./mvnw when JAVA_HOME is unset: Nonstop targets Java 21, and some machines default
# to an older java. Picks the newest JDK 21+ found in the usual places, or says what to do.
__nonstop_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'; }
if command -v java >/dev/null 2>&1 && [ "$(__nonstop_major java)" -ge 21 ] 2>/dev/null; then
  :
else
  for __candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
    if [ -x "$__candidate/bin/java" ] && [ "$(__nonstop_major "$__candidate/bin/java")" -ge 21 ] 2>/dev/null; then
      JAVA_HOME=$__candidate
    fi
  done
  if [ -n "${JAVA_HOME:-}" ]; then
    export JAVA_HOME
  else
    echo "Nonstop needs a JDK 21 or newer: install one, or set JAVA_HOME to it." >&2
    exit 1
  fi
fi
unset __candidate
