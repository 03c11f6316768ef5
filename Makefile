# Two commands for a new user: `make run` starts the whole pipeline, `make test` runs every test.
# Both first install the Debian packages the pipeline needs (as root; a no-op when they are present).

DEBIAN_PACKAGES := curl
JAVA_OPTS ?= -Xms64m -Xmx512m -XX:+UseSerialGC -XX:MaxMetaspaceSize=192m -Xss512k
MVN := mvn -B -q

.PHONY: run test deps build clean

deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "missing Debian packages:$$missing (run as root, or: sudo apt-get install$$missing)"; exit 1; fi; \
	fi

build: deps
	$(MVN) -DskipTests package

run: build
	java $(JAVA_OPTS) -jar target/aegis-0.1.0-SNAPSHOT.jar

test: deps
	mvn -B verify

clean:
	mvn -B -q clean
	rm -rf data
