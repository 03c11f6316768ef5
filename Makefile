# Two commands for a new user: `make run` starts the whole pipeline, `make test` runs every test.
# Both first install the Debian packages the pipeline needs (as root; a no-op when they are present).

# ffmpeg: video/audio probing, posters, audio extraction. pocketsphinx(-en-us): offline transcription.
# tesseract-ocr(-eng): OCR. flite: test speech only. libvips-tools: the thumbnail benchmark's reference.
DEBIAN_PACKAGES := curl ffmpeg pocketsphinx pocketsphinx-en-us tesseract-ocr tesseract-ocr-eng
TEST_PACKAGES := flite
BENCH_PACKAGES := libvips-tools
JAVA_OPTS ?= -Xms64m -Xmx512m -XX:+UseSerialGC -XX:MaxMetaspaceSize=192m -Xss512k
MVN := mvn -B -q

.PHONY: run test deps test-deps bench-deps install-packages build bench fuzz clean

deps:
	@$(MAKE) --no-print-directory install-packages PACKAGES="$(DEBIAN_PACKAGES)"

test-deps:
	@$(MAKE) --no-print-directory install-packages PACKAGES="$(DEBIAN_PACKAGES) $(TEST_PACKAGES)"

bench-deps:
	@$(MAKE) --no-print-directory install-packages PACKAGES="$(DEBIAN_PACKAGES) $(TEST_PACKAGES) $(BENCH_PACKAGES)"

install-packages:
	@missing=""; for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else echo "missing Debian packages:$$missing (run as root, or: sudo apt-get install$$missing)"; exit 1; fi; \
	fi

build: deps
	$(MVN) -DskipTests package

run: build
	java $(JAVA_OPTS) -jar target/aegis-0.1.0-SNAPSHOT.jar

test: test-deps
	mvn -B verify

bench: bench-deps
	bash bench/run.sh

# Jazzer fuzzes the MIME sniffer and the file-name sanitiser for 30 s each; `make test` only replays saved inputs.
fuzz:
	JAZZER_FUZZ=1 mvn -B -q test -Dtest=UntrustedInputFuzzTest -Dsurefire.failIfNoSpecifiedTests=false

clean:
	mvn -B -q clean
	rm -rf data
