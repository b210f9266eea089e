# The two commands of the README: `make demo` and `make test`. Both install what is missing first.
BUILD ?= build
JOBS  ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGOVNET_BUILD_VIEWER=ON
GOVNET := $(BUILD)/cli/govnet
SAMPLE := samples/migration-governance
DB ?= govnet.db

.PHONY: deps build test test-sanitize fuzz demo compare clean format check-format install package

deps:
	@scripts/install-deps.sh --viewer --peers

build: deps
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j $(JOBS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The command, its manual page, the docs and the samples under PREFIX (DESTDIR is honoured, as
# packagers expect): PREFIX/bin/govnet, PREFIX/share/man/man1/govnet.1.gz,
# PREFIX/share/doc/govnet/, PREFIX/share/govnet/samples/.
PREFIX ?= /usr/local
install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

# A Debian package of the same files under /usr, its Depends derived by dpkg-shlibdeps:
# $(BUILD)/govnet_VERSION_ARCH.deb (install with `apt install ./build/govnet_*.deb`).
package: build
	cd $(BUILD) && cpack -G DEB

# The whole suite built with AddressSanitizer and UndefinedBehaviorSanitizer (build-asan/).
test-sanitize: deps
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DGOVNET_SANITIZE=ON -DGOVNET_BUILD_VIEWER=ON -DGOVNET_BUILD_BENCH=OFF
	cmake --build build-asan -j $(JOBS)
	cd build-asan && UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j $(JOBS) --timeout 900

# Each libFuzzer target for FUZZ_SECONDS, from a seed corpus of the test fixtures; crashes are
# written to build-fuzz/findings/. Keep each as a regression fixture in tests/data/fuzz/ (the
# tests replay them) and fix what it found.
FUZZ_SECONDS ?= 60
fuzz:
	@scripts/install-deps.sh --fuzz
	CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGOVNET_FUZZ=ON \
	    -DGOVNET_BUILD_TESTS=OFF -DGOVNET_BUILD_VIEWER=OFF -DGOVNET_BUILD_BENCH=OFF
	cmake --build build-fuzz -j $(JOBS) --target csv_fuzz record_fuzz graph_fuzz mapping_fuzz iati_fuzz sheet_fuzz
	mkdir -p build-fuzz/corpus/csv build-fuzz/corpus/record build-fuzz/corpus/graph build-fuzz/corpus/mapping build-fuzz/corpus/iati build-fuzz/corpus/sheet build-fuzz/findings
	for f in tests/data/csv/*.csv samples/migration-governance/*.csv tests/data/fuzz/csv/*; do \
	    [ -f "$$f" ] && { printf '\002'; cat "$$f"; } > build-fuzz/corpus/csv/$$(basename $$f); done; true
	cp tests/data/fuzz/record/* build-fuzz/corpus/record/ 2>/dev/null || true
	for f in tests/data/interchange/*.graphml tests/data/interchange/*.gexf tests/data/interchange/*.json tests/data/interchange/*.net tests/data/interchange/*.gml; do \
	    case $$f in *.graphml) b='\000';; *.gexf) b='\001';; *.json) b='\002';; *.gml) b='\004';; *) b='\003';; esac; \
	    { printf "$$b"; cat "$$f"; } > build-fuzz/corpus/graph/$$(basename $$f); done
	for f in samples/mappings/*.toml; do { printf '\000'; cat "$$f"; } > build-fuzz/corpus/mapping/$$(basename $$f); done
	for f in samples/mappings/*.csv; do { printf '\001'; cat "$$f"; } > build-fuzz/corpus/mapping/$$(basename $$f); done
	cp tests/data/fuzz/mapping/* build-fuzz/corpus/mapping/ 2>/dev/null || true
	cp samples/iati/*.xml tests/data/fuzz/iati/* build-fuzz/corpus/iati/ 2>/dev/null || true
	cp tests/data/fuzz/graph/* build-fuzz/corpus/graph/ 2>/dev/null || true
	/usr/bin/python3 tests/data/spreadsheets/write_workbooks.py build-fuzz/corpus/sheet-src \
	    samples/mappings/trust-fund-projects.csv >/dev/null 2>&1 || true
	for f in build-fuzz/corpus/sheet-src/*.xlsx; do [ -f "$$f" ] && { printf '\000'; cat "$$f"; } \
	    > build-fuzz/corpus/sheet/$$(basename $$f); done; true
	for f in build-fuzz/corpus/sheet-src/*.ods; do [ -f "$$f" ] && { printf '\001'; cat "$$f"; } \
	    > build-fuzz/corpus/sheet/$$(basename $$f); done; true
	cp tests/data/fuzz/sheet/* build-fuzz/corpus/sheet/ 2>/dev/null || true
	build-fuzz/tests/fuzz/csv_fuzz build-fuzz/corpus/csv -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	    -artifact_prefix=build-fuzz/findings/csv- -print_final_stats=1
	build-fuzz/tests/fuzz/record_fuzz build-fuzz/corpus/record -max_total_time=$(FUZZ_SECONDS) \
	    -artifact_prefix=build-fuzz/findings/record- -print_final_stats=1
	build-fuzz/tests/fuzz/graph_fuzz build-fuzz/corpus/graph -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	    -artifact_prefix=build-fuzz/findings/graph- -print_final_stats=1
	build-fuzz/tests/fuzz/mapping_fuzz build-fuzz/corpus/mapping -max_total_time=$(FUZZ_SECONDS) -max_len=16384 \
	    -artifact_prefix=build-fuzz/findings/mapping- -print_final_stats=1
	build-fuzz/tests/fuzz/iati_fuzz build-fuzz/corpus/iati -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	    -artifact_prefix=build-fuzz/findings/iati- -print_final_stats=1
	build-fuzz/tests/fuzz/sheet_fuzz build-fuzz/corpus/sheet -max_total_time=$(FUZZ_SECONDS) -max_len=262144 \
	    -artifact_prefix=build-fuzz/findings/sheet- -print_final_stats=1

# govnet against graph-tool, igraph and networkx on generated networks (bench/README.md);
# writes bench/RESULTS.md. SIZES=S,B,M,L,H,XL and REPS=3 by default.
SIZES ?= S,B,M,L,H,T,XL
REPS ?= 3
compare: build
	bench/compare --sizes $(SIZES) --reps $(REPS) --build $(BUILD)

demo: build
	$(GOVNET) init --db $(DB)
	$(GOVNET) import --db $(DB) --dataset "migration governance (seed texts)" \
	    $(SAMPLE)/actors.csv $(SAMPLE)/instruments.csv $(SAMPLE)/ties.csv $(SAMPLE)/evidence.csv
	$(GOVNET) stats --db $(DB)
	$(GOVNET) centrality --db $(DB) --measure betweenness --top 10
	$(GOVNET) view --db $(DB) --screenshot govnet-demo.png --size 1600x1000 --measure betweenness

# Formats every C++ file with .clang-format (clang-format 14); `check-format` only checks (CI).
format:
	scripts/check-format.sh --fix
check-format:
	scripts/check-format.sh

clean:
	rm -rf $(BUILD) build-asan build-fuzz
