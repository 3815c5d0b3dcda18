#!/usr/bin/env python3
"""Workers take jobs from one queue and put results on another until an end marker."""

import multiprocessing

STOP = None  # the end marker: any value that is never a real job


def worker(jobs, results):
    while True:
        job = jobs.get()
        if job is STOP:
            break
        results.put((job, job * job))


if __name__ == "__main__":
    jobs = multiprocessing.Queue()
    results = multiprocessing.Queue()
    workers = [multiprocessing.Process(name=f"worker-{i}", target=worker,
                                       args=(jobs, results))
               for i in range(3)]
    for w in workers:
        w.start()

    for n in range(1, 7):
        jobs.put(n)
    for _ in workers:
        jobs.put(STOP)  # one end marker per worker

    # Read every result before joining: see the warning below.
    answers = sorted(results.get() for _ in range(6))
    for w in workers:
        w.join()
    for job, square in answers:
        print(f"{job} squared is {square}")
    print("workers ended with exit codes", [w.exitcode for w in workers])
