#!/usr/bin/env python3
"""wait() and as_completed() never count a future that shutdown(cancel_futures=True) cancelled."""

import concurrent.futures as cf
import time


def nap(seconds):
    time.sleep(seconds)


if __name__ == "__main__":
    for kind in (cf.ThreadPoolExecutor, cf.ProcessPoolExecutor):
        executor = kind(1)
        futures = [executor.submit(nap, 0.2) for _ in range(10)]
        futures[0].result()
        executor.shutdown(cancel_futures=True)  # waits for the running one
        cancelled = [f for f in futures if f.cancelled()]
        assert cancelled and all(f.done() for f in futures), futures
        done, not_done = cf.wait(futures, timeout=0.2)
        assert not_done == set(cancelled), (done, not_done)
        try:
            list(cf.as_completed(futures, timeout=0.2))
        except TimeoutError:
            pass
        else:
            raise AssertionError("as_completed() gave the cancelled futures")
        # Each future itself knows: result() raises CancelledError at once.
        for future in cancelled:
            try:
                future.result(timeout=0)
            except cf.CancelledError:
                pass
