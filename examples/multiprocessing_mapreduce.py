#!/usr/bin/env python3
"""A small map/reduce: map every input, partition the pairs by key, reduce each key."""

import collections


def map_reduce(inputs, mapper, reducer, map_function=map):
    """Run mapper over inputs and reducer over each key's values.

    mapper turns one input into a list of (key, value) pairs; reducer turns
    one (key, [values]) pair into a result. Pass a pool's map as map_function
    to run both steps in parallel; the built-in map runs them serially.
    """
    # 1. Map: each input becomes a list of (key, value) pairs.
    mapped = map_function(mapper, inputs)
    # 2. Partition: collect the values of each key from all those lists.
    partitions = collections.defaultdict(list)
    for pairs in mapped:
        for key, value in pairs:
            partitions[key].append(value)
    # 3. Reduce: each key and its values become one result.
    return list(map_function(reducer, sorted(partitions.items())))
