#!/bin/sh
echo "hello from the imagegate passing example"
