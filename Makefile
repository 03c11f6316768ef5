# Two commands for a new user: `make run` starts the whole pipeline, `make test` runs every test.
# Both first install the Debian packages the pipeline needs (as root; a no-op when they are present).

# ffmpeg: video/audio probing, posters, audio extraction. pocketsphinx(-en-us): offline transcription.
# tesseract-ocr(-eng): OCR; tesseract-ocr-osd: its orientation detection (sideways pages). hunspell-en-us/-en-gb: the
# dictionaries that tell OCR words and tags from misreadings. libheif-examples: heif-convert decodes HEIC/HEIF and AVIF
# (and heif-enc makes the test HEICs). librsvg2-bin: rsvg-convert rasterises SVG. util-linux: prlimit, the OS limits
# every tool runs under. libvips-tools: vipsthumbnail, the smart-crop step (routes/steps/) and the thumbnail
# benchmark's reference. flite: test speech only. libavif-bin: avifenc makes the test AVIFs. iproute2: ss, which
# DevModeIT reads the listening sockets with.
# chromium (+ node, npm: playwright-core needs Node >= 20): the web console's browser tests.
DEBIAN_PACKAGES := curl ffmpeg libvips-tools pocketsphinx pocketsphinx-en-us tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd hunspell-en-us hunspell-en-gb libheif-examples librsvg2-bin util-linux
TEST_PACKAGES := flite chromium libavif-bin iproute2
BENCH_PACKAGES := libvips-tools
# The quality harness's labelled set (bench/quality/make-set.sh): charts, diagrams, pictures of text, a scanned PDF.
QUALITY_PACKAGES := gnuplot-nox graphviz imagemagick libimage-exiftool-perl poppler-utils img2pdf fonts-dejavu-core
# node + npm (Node >= 20) run the embedded DynamoDB (dynalite, embedded-dynamodb/) of `make run` and the tests, and
# the infra policy tests (infra/test); asked for only when missing: nodesource's nodejs bundles npm, and Debian's
# npm package would conflict with it.
NODE_PACKAGES := $(if $(shell command -v node 2>/dev/null),,nodejs) $(if $(shell command -v npm 2>/dev/null),,npm)
# C1 only (TieredStopAtLevel=1): on 2 cores C2 spent a third of the CPU still compiling minutes into a run and
# the pipeline carried 1.8x fewer jobs/s (bench/README.md); drop it on a large host that runs for days.
JAVA_OPTS ?= -Xms64m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:MaxMetaspaceSize=192m -Xss512k
MVN := mvn -B -q

.PHONY: run cds bench-startup test infra-test aws-e2e deps test-deps bench-deps quality-deps install-packages embedded-dynamodb build bench bench-pipeline bench-media bench-durability bench-quality fuzz clean aws-local worker

deps:
	@$(MAKE) --no-print-directory install-packages PACKAGES="$(DEBIAN_PACKAGES) $(NODE_PACKAGES)"
	@$(MAKE) --no-print-directory embedded-dynamodb

test-deps:
	@$(MAKE) --no-print-directory install-packages PACKAGES="$(DEBIAN_PACKAGES) $(TEST_PACKAGES) $(NODE_PACKAGES)"
	@$(MAKE) --no-print-directory embedded-dynamodb
	cd src/test/browser && npm ci --no-audit --no-fund --loglevel=error
	cd src/test/pglite && npm ci --no-audit --no-fund --loglevel=error

bench-deps:
	@$(MAKE) --no-print-directory install-packages PACKAGES="$(DEBIAN_PACKAGES) $(TEST_PACKAGES) $(BENCH_PACKAGES) $(NODE_PACKAGES)"
	@$(MAKE) --no-print-directory embedded-dynamodb

# The embedded DynamoDB: dynalite 4.0.0 pinned by embedded-dynamodb/package-lock.json (needs Node >= 20); `npm ci`
# again only when the lockfile changed (npm writes node_modules/.package-lock.json as it installs).
embedded-dynamodb: embedded-dynamodb/node_modules/.package-lock.json

embedded-dynamodb/node_modules/.package-lock.json: embedded-dynamodb/package-lock.json embedded-dynamodb/package.json
	@node -e 'if (+process.versions.node.split(".")[0] < 20) { console.error("Node.js >= 20 is needed, found " + process.version); process.exit(1) }'
	cd embedded-dynamodb && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

quality-deps:
	@$(MAKE) --no-print-directory install-packages PACKAGES="$(DEBIAN_PACKAGES) $(TEST_PACKAGES) $(QUALITY_PACKAGES) $(NODE_PACKAGES)"
	@$(MAKE) --no-print-directory embedded-dynamodb

install-packages:
	@missing=""; for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else echo "missing Debian packages:$$missing (run as root, or: sudo apt-get install$$missing)"; exit 1; fi; \
	fi

# The jar is rebuilt only when what goes into it changed: pom.xml or anything under src/main. Directories are listed
# too, so deleting a file (which touches its directory) rebuilds. routes/ is read at run time, never packaged, and
# src/test is not in the jar: editing either does not rebuild.
JAR := target/aegis-0.1.0-SNAPSHOT.jar
JAR_INPUTS := pom.xml $(shell find src/main)

build: deps $(JAR)

$(JAR): $(JAR_INPUTS)
	$(MVN) -DskipTests package
	@touch $@

# Dev mode: the local authorization server with well-known dev accounts, everything on 127.0.0.1 only.
DEV := AEGIS_DEV_MODE=true

# Start-up from a class-data-sharing (CDS) archive: once per build, the jar is unpacked (Spring Boot's jarmode
# tools; CDS cannot map classes out of nested jars) and a training run (the app on free ports and a scratch data
# folder, exiting as soon as its context is up) writes the classes it loaded to target/cds/aegis.jsa. Runs then map
# them instead of loading and verifying them: `make run` is UP in about half the time (bench/results/startup.md).
# The stamp is written even when training fails (the reason is in target/cds/training.log): runs then go on without
# the archive rather than training again at every start.
CDS_DIR := target/cds
CDS_JAR := $(CDS_DIR)/$(notdir $(JAR))
CDS_ARCHIVE := $(CDS_DIR)/aegis.jsa
CDS_STAMP := $(CDS_DIR)/.trained
FREE_PORT = $$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
RUN_JAR = $$([ -s $(CDS_ARCHIVE) ] && echo -XX:SharedArchiveFile=$(CDS_ARCHIVE)) -jar $(CDS_JAR)

cds: build $(CDS_STAMP)

$(CDS_STAMP): $(JAR)
	@rm -rf $(CDS_DIR)
	java -Djarmode=tools -jar $(JAR) extract --destination $(CDS_DIR) >/dev/null
	@echo "training the class-data-sharing archive (once per build, ~30 s; log: $(CDS_DIR)/training.log)"
	@scratch=$$(mktemp -d) && \
	  $(DEV) AEGIS_DATA_DIR=$$scratch/data PORT=$(FREE_PORT) AEGIS_EMBEDDED_S3PORT=$(FREE_PORT) \
	  AEGIS_EMBEDDED_SQSPORT=$(FREE_PORT) AEGIS_EMBEDDED_DYNAMODBPORT=$(FREE_PORT) AEGIS_WORK_DIR=$$scratch/work \
	  timeout 600 java $(JAVA_OPTS) -XX:ArchiveClassesAtExit=$(CDS_ARCHIVE) -Dspring.context.exit=onRefresh \
	    -jar $(CDS_JAR) > $(CDS_DIR)/training.log 2>&1 < /dev/null \
	  || { echo "CDS training failed (see $(CDS_DIR)/training.log): starting without the archive"; rm -f $(CDS_ARCHIVE); }; \
	  rm -rf $$scratch
	@touch $@

run: cds
	$(DEV) java $(JAVA_OPTS) $(RUN_JAR)

# Several processes on one machine: `make aws-local` keeps the embedded S3/SQS/DynamoDB (and their data) in
# a process of its own (DynamoDB in its child process), then each `make worker ROLES=... PORT=...` is one app process using them.
LOCAL_AWS_ENV := AEGIS_AWS_EMBEDDED=false AEGIS_S3_ENDPOINT=http://127.0.0.1:9090 \
	AEGIS_SQS_ENDPOINT=http://127.0.0.1:9324 AEGIS_DYNAMODB_ENDPOINT=http://127.0.0.1:8000 \
	AEGIS_AWS_ACCESS_KEY=local AEGIS_AWS_SECRET_KEY=local-secret
ROLES ?= media,ai
PORT ?= 8081

aws-local: cds
	$(DEV) AEGIS_ROLES=aws-local PORT=8079 java $(JAVA_OPTS) $(RUN_JAR)

worker: cds
	$(DEV) $(LOCAL_AWS_ENV) AEGIS_ROLES=$(ROLES) PORT=$(PORT) java $(JAVA_OPTS) $(RUN_JAR)

test: test-deps
	mvn -B verify
	@$(MAKE) --no-print-directory infra-test
	@$(MAKE) --no-print-directory aws-e2e

# Terraform of infra/terraform/envs/example applied to moto, then one process per ECS role under each role's IAM
# policy (src/test/java/io/aegis/it/AwsDeploymentIT.java, docs/deploy-aws.md). terraform and moto come with machines
# of this kind (not from the package registries): missing, this FAILS, it never skips.
aws-e2e: test-deps
	@command -v terraform >/dev/null || { echo "aws-e2e: terraform is missing (1.5+, with the hashicorp/aws provider in a filesystem mirror)"; exit 1; }
	@python3 -c 'import moto.server' 2>/dev/null || { echo "aws-e2e: moto (python3 -m moto.server) is missing"; exit 1; }
	mvn -B verify -Paws-e2e

# Terraform, dashboard and alert policy tests: offline, no terraform binary (infra/test/README.md).
infra-test:
	cd infra/test && npm ci --no-audit --no-fund && npm test

# The whole-pipeline benchmark (≤ 15 min); bench-media: the thumbnail, transcription and YAML-step benchmarks (~15 min).
# Issue 22's figures, each next to its target in one table, measured in one run (≈ 12 min): bench/results/summary.md.
bench: bench-deps
	bash bench/all.sh

# The whole-pipeline benchmark of issue 8 (all six parts, ≈ 13 min): bench/results/pipeline.md.
bench-pipeline: bench-deps
	bash bench/pipeline.sh

bench-media: bench-deps
	bash bench/thumbnails.sh
	bash bench/transcribe.sh
	bash bench/steps.sh

# Issue 15: the embedded SQS's rate with messages persisted vs in memory, and `make run`'s start-up time (~3 min).
bench-durability: bench-deps
	bash bench/durability.sh

# Issue 22's start-up figure: `make run` (CDS archive) against the fat jar, launch until health UP (~4 min).
bench-startup: bench-deps
	bash bench/startup.sh

# Issue 20's quality harness: OCR word accuracy, tag precision, search MRR, no-answer accuracy (~5 min).
bench-quality: quality-deps
	bash bench/quality.sh

# Jazzer fuzzes the MIME sniffer and the file-name sanitiser for 30 s each; `make test` only replays saved inputs.
fuzz:
	JAZZER_FUZZ=1 mvn -B -q test -Dtest=UntrustedInputFuzzTest -Dsurefire.failIfNoSpecifiedTests=false

clean:
	mvn -B -q clean
	rm -rf data
