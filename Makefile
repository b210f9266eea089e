# The two commands of the README: `make demo` and `make test`. Both install what is missing first.
BUILD ?= build
JOBS  ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGOVNET_BUILD_VIEWER=ON
GOVNET := $(BUILD)/cli/govnet
SAMPLE := samples/migration-governance
DB ?= govnet.db

.PHONY: deps build test test-sanitize demo clean

deps:
	@scripts/install-deps.sh --viewer --peers

build: deps
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j $(JOBS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The whole suite built with AddressSanitizer and UndefinedBehaviorSanitizer (build-asan/).
test-sanitize: deps
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DGOVNET_SANITIZE=ON -DGOVNET_BUILD_VIEWER=ON -DGOVNET_BUILD_BENCH=OFF
	cmake --build build-asan -j $(JOBS)
	cd build-asan && UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j $(JOBS) --timeout 900

demo: build
	$(GOVNET) init --db $(DB)
	$(GOVNET) import --db $(DB) --dataset "migration governance (seed texts)" \
	    $(SAMPLE)/actors.csv $(SAMPLE)/instruments.csv $(SAMPLE)/ties.csv $(SAMPLE)/evidence.csv
	$(GOVNET) stats --db $(DB)
	$(GOVNET) centrality --db $(DB) --measure betweenness --top 10
	$(GOVNET) view --db $(DB) --screenshot govnet-demo.png --size 1600x1000 --measure betweenness

clean:
	rm -rf $(BUILD) build-asan
