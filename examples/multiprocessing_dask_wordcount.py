#!/usr/bin/env python3
"""Count the words of the corpus with the same map/reduce on a dask.distributed cluster."""

import logging
import sys

from dask.distributed import Client
from multiprocessing_mapreduce import map_reduce
from multiprocessing_wordcount import CORPUS, total, words_of

# python3 -X dev puts asyncio in debug mode, which reports every step of dask's event
# loops that takes over 0.1 s. This runs in dask's worker processes too: they import it.
logging.getLogger("asyncio").setLevel(logging.ERROR)


def start_client(address):
    """A client of the scheduler at address, or of a new cluster on this machine."""
    if address:  # such as tcp://192.168.1.10:8786
        return Client(address)
    # No address: Client starts a LocalCluster with these options, and stops it on close.
    return Client(n_workers=2, threads_per_worker=1, dashboard_address="127.0.0.1:0",
                  silence_logs=logging.CRITICAL)


if __name__ == "__main__":
    files = sorted(CORPUS.glob("*.txt"))
    with start_client(sys.argv[1] if len(sys.argv) > 1 else None) as client:

        def cluster_map(function, items):
            """What pool.map does, on the cluster: submit every call, then gather the results."""
            return client.gather(client.map(function, items))

        counts = map_reduce(files, words_of, total, cluster_map)

    print(f"{len(files)} files, {len(counts)} different words; the most common:")
    for word, n in sorted(counts, key=lambda pair: (-pair[1], pair[0]))[:10]:
        print(f"{n:4}  {word}")
