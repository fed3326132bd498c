# Two commands set everything up on a fresh Debian machine: `make run` and `make test`.
SHELL := /bin/bash
export CARGO_TARGET_DIR ?= $(HOME)/.cache/smartcity/target

.PHONY: run test setup build

run: build
	exec "$(CARGO_TARGET_DIR)/release/smartcity" serve

test: build
	scripts/setup --browser --llm-model 1.5b
	scripts/test
	scripts/api-check
	scripts/eval

build: setup
	cargo build --release --locked

setup:
	scripts/setup
