"""actorgraph extraction as a Spark map stage.

Reads a folder (or glob) of JSON Lines articles, pipes each partition through
`actorgraph extract` with RDD.pipe, and writes the records as JSON Lines part files, which
`actorgraph load OUTPUT` stores. The binary and the dictionary files are shipped to the
workers with SparkContext.addFile (what spark-submit --files does); see scale/README.md.

    spark-submit scale/spark_extract.py --binary target/release/actorgraph \\
        --actors my_actors.csv hdfs:///news/2022/ hdfs:///actorgraph/records-2022/
"""

import argparse
import os
import shlex

from pyspark import SparkFiles
from pyspark.sql import SparkSession


def arguments():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input", help="folder, file or glob of JSON Lines articles")
    p.add_argument("output", help="folder for the record part files (must not exist)")
    p.add_argument("--binary", default="actorgraph",
                   help="the actorgraph binary to ship (a Linux build for the workers)")
    for flag in ("actors", "agents", "relations"):
        p.add_argument("--" + flag, action="append", default=[], metavar="FILE",
                       help=f"a dictionary file passed to extract --{flag} (repeatable)")
    p.add_argument("--partitions", type=int, default=None,
                   help="minimum number of input partitions (map tasks)")
    p.add_argument("--master", default=None,
                   help="Spark master when not run by spark-submit, e.g. local[4]")
    return p.parse_args()


def ship(sc, path):
    """Ships a file to every worker; returns how a task names it there."""
    sc.addFile(os.path.abspath(path))
    name = os.path.basename(path)
    # Executors fetch shipped files into their working directory, where the piped command
    # runs. In local mode the tasks run in the driver's folder, and SparkFiles.get names the
    # driver's copy.
    if sc.master.startswith("local"):
        return SparkFiles.get(name)
    return "./" + name


def command(sc, args):
    """The shell command each task runs: extract, with exit 1 (records skipped, reported on
    the task's stderr) counted as success and exit 2 (fatal) failing the task."""
    argv = [ship(sc, args.binary), "extract"]
    for flag in ("actors", "agents", "relations"):
        for path in getattr(args, flag):
            argv += ["--" + flag, ship(sc, path)]
    script = shlex.join(argv) + '; s=$?; [ "$s" -le 1 ] || exit "$s"'
    return shlex.join(["/bin/sh", "-c", script])


def main():
    args = arguments()
    builder = SparkSession.builder.appName("actorgraph-extract")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    # textFile keeps the input's line order within and across partitions, so the part files,
    # read in name order, hold the records in input order (dedupe keeps the first, as ingest).
    lines = sc.textFile(args.input, minPartitions=args.partitions)
    records = lines.pipe(command(sc, args), env={"PATH": "/usr/bin:/bin"}, checkCode=True)
    records.saveAsTextFile(args.output)
    spark.stop()


if __name__ == "__main__":
    main()
