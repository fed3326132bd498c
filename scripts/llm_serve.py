"""Serves the local test LLM with llama.cpp's OpenAI-compatible HTTP server (PyPI xllamacpp).

Run through scripts/llm-serve, which sets PYTHONPATH to $data_dir/llm/python and passes --llm-dir; see
that script for the options. This is the model for tests and local use only: production points
llm.base_url at its own server (Ollama, vLLM, a provider).

Once the server listens, stdout gets exactly three lines, flushed, and nothing else:
    SMARTCITY_LLM__BASE_URL=http://127.0.0.1:PORT/v1
    SMARTCITY_LLM__MODEL=qwen2.5-coder-0.5b-instruct
    SMARTCITY_LLM__READ_QUESTIONS=false
File descriptor 1 is pointed at stderr before the server starts, so that nothing llama.cpp or Python
writes can reach stdout after them.
"""

import argparse
import os
import signal
import sys
import threading
from urllib.parse import urlsplit

# The alias, the setup command, and whether the model reads the questions the rules cannot (the
# 0.5B one misreads them: "toasty" as fine particles).
MODELS = {
    "0.5b": ("qwen2.5-coder-0.5b-instruct", "scripts/setup --llm", "false"),
    "1.5b": ("qwen2.5-coder-1.5b-instruct", "scripts/setup --llm-model 1.5b", "true"),
}
STOP_SIGNALS = {signal.SIGTERM, signal.SIGINT}


def log(message):
    print(f"llm-serve: {message}", file=sys.stderr, flush=True)


def fail(message):
    log(f"error: {message}")
    sys.exit(1)


def positive(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a positive number")
    return value


def port_number(text):
    value = int(text)
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{text} is not a port (0 to 65535)")
    return value


def cpu_count():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def main():
    # Stop signals are blocked before any thread starts, so that every thread (llama.cpp's too)
    # inherits the mask and the main thread takes them with sigwait; one that comes while the model
    # loads stops the server as soon as it has loaded, still with exit code 0.
    signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    parser = argparse.ArgumentParser(
        prog="scripts/llm-serve",
        description="Serves the local test LLM on 127.0.0.1 (OpenAI-compatible, llama.cpp). "
        "Production points llm.base_url at its own server (Ollama, vLLM, a provider).",
    )
    parser.add_argument("--llm-dir", required=True, help=argparse.SUPPRESS)
    parser.add_argument("--model", choices=sorted(MODELS), default="0.5b", help="the model (default 0.5b)")
    parser.add_argument("--port", type=port_number, default=8090, help="the port (default 8090; 0: a free one)")
    parser.add_argument("--threads", type=positive, default=cpu_count(), help="CPU threads (default: the CPUs)")
    parser.add_argument("--ctx", type=positive, default=4096, help="context size in tokens (default 4096)")
    parser.add_argument(
        "--exit-with-stdin",
        action="store_true",
        help="also exit when stdin reaches EOF (for a parent that may die without stopping it)",
    )
    args = parser.parse_args()

    alias, setup, reads = MODELS[args.model]
    model_path = os.path.join(args.llm_dir, f"{alias}-q4_k_m.gguf")
    if not os.path.isfile(model_path):
        fail(f"the local test LLM {model_path} is missing: run {setup}")
    try:
        import xllamacpp as xlc
    except ImportError as error:
        fail(f"the local test LLM server (xllamacpp) is missing from {args.llm_dir}/python ({error}): run {setup}")

    stdout = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)

    params = xlc.CommonParams()
    params.model.path = model_path
    params.model_alias = {alias}
    params.hostnames = ["127.0.0.1"]
    params.port = args.port
    params.n_ctx = args.ctx
    params.n_parallel = 1
    params.cpuparams.n_threads = args.threads
    params.cpuparams_batch.n_threads = args.threads
    log(f"loading {model_path} ({args.threads} threads, context {args.ctx})")
    try:
        server = xlc.Server(params)
        address = server.listening_address
    except Exception as error:  # the model does not load, or the port is taken
        fail(f"the server did not start on 127.0.0.1:{args.port}: {error}")
    url = urlsplit(address)
    if url.hostname != "127.0.0.1" or not url.port:
        fail(f"the server reports an unexpected address {address!r}")
    log(f"listening on {address}")

    if args.exit_with_stdin:
        main_thread = threading.main_thread().ident

        def watch_stdin():
            try:
                while os.read(0, 65536):
                    pass
            except OSError:  # no stdin at all counts as its end
                pass
            log("stdin closed: stopping")
            signal.pthread_kill(main_thread, signal.SIGTERM)

        threading.Thread(target=watch_stdin, name="stdin-watch", daemon=True).start()

    pending = signal.sigpending() & STOP_SIGNALS
    if pending:
        received = signal.sigwait(pending)
        log(f"{signal.Signals(received).name} while loading: stopping")
        del server
        log("stopped")
        return 0

    try:
        stdout.write(f"SMARTCITY_LLM__BASE_URL=http://127.0.0.1:{url.port}/v1\n")
        stdout.write(f"SMARTCITY_LLM__MODEL={alias}\n")
        stdout.write(f"SMARTCITY_LLM__READ_QUESTIONS={reads}\n")
        stdout.flush()
    except BrokenPipeError:
        log("stdout is closed: stopping")
    else:
        received = signal.sigwait(STOP_SIGNALS)
        log(f"{signal.Signals(received).name}: stopping")
    del server
    log("stopped")
    # Nothing else goes to stdout; a reader that went away does not make the exit fail.
    try:
        stdout.close()
    except BrokenPipeError:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
