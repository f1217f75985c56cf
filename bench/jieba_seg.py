#!/usr/bin/python3
"""Times jieba segmentation of a UTF-8 file: the reference for accord's
extraction throughput (bench/bench_test.go runs it on the same bytes).

    /usr/bin/python3 bench/jieba_seg.py FILE [MODE]

MODE is "default" (jieba.cut, HMM on: jieba's accurate mode, the one its
README times) or "nohmm". Dictionary loading is done before the clock
starts. Prints one line: bytes seconds words.
"""
import logging
import sys
import time

import jieba

jieba.setLogLevel(logging.WARNING)


def main():
    path = sys.argv[1]
    mode = sys.argv[2] if len(sys.argv) > 2 else "default"
    with open(path, "rb") as f:
        raw = f.read()
    text = raw.decode("utf-8")
    jieba.initialize()
    hmm = mode != "nohmm"
    start = time.perf_counter()
    n = 0
    for _ in jieba.cut(text, HMM=hmm):
        n += 1
    elapsed = time.perf_counter() - start
    print(len(raw), "%.6f" % elapsed, n)


if __name__ == "__main__":
    main()
