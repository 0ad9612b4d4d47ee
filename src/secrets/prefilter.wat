;; The trigger automaton's inner loop (see prefilter.ts, which builds the automaton and owns this
;; module's memory). Source of prefilter-wasm.ts: `node scripts/build-wasm.mjs` turns it into the
;; bytes held there, and a unit test checks that they still match this text.
;;
;; Why WebAssembly: the automaton reads one table entry per character, and in JavaScript every
;; character also paid for a string read that checks the string's shape and for bounds checks; the
;; loop here is a handful of machine instructions. Why four streams: the next state depends on the
;; previous one, so one stream waits for each table load before the next can start; four
;; independent streams over the four quarters of the text keep four loads in flight.
;;
;; Memory layout (written by prefilter.ts once, when the module loads):
;;   [0, 1024)        for each byte value b, the byte offset of its column in a table row
;;                    (u32: column * 2); bytes the keywords never use share column 0
;;   table            u16 next state for (state, column), 128 columns (256 bytes) a row; states at
;;                    or above `first` end at least one keyword
;;   input, output    the text being scanned (one byte a character) and the hits: for every position
;;                    where the state ends a keyword, the address of its byte and the state (u32, u32)
(module
  (memory (export "memory") 1)

  ;; The automaton from state $s over bytes [$p, $end), writing hits at $out; returns the end of the
  ;; hits and leaves the last state in $state.
  (global $state (mut i32) (i32.const 0))
  (func $run (param $p i32) (param $end i32) (param $s i32) (param $table i32) (param $first i32) (param $out i32) (result i32)
    (block $done
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (loop $next
        (local.set $s
          (i32.load16_u
            (i32.add
              (i32.add (local.get $table) (i32.shl (local.get $s) (i32.const 8)))
              (i32.load (i32.shl (i32.load8_u (local.get $p)) (i32.const 2))))))
        (if (i32.ge_u (local.get $s) (local.get $first))
          (then
            (i32.store (local.get $out) (local.get $p))
            (i32.store offset=4 (local.get $out) (local.get $s))
            (local.set $out (i32.add (local.get $out) (i32.const 8)))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br_if $next (i32.lt_u (local.get $p) (local.get $end)))))
    (global.set $state (local.get $s))
    (local.get $out))

  ;; The state after bytes [$p, $end) from the root, without hits: a stream that starts in the middle
  ;; of the text first reads the `warm` bytes before its start, which every keyword that ends in its
  ;; part but starts earlier fits into (those ending earlier are the previous stream's).
  (func $warm (param $p i32) (param $end i32) (param $table i32) (result i32)
    (local $s i32)
    (block $done
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (loop $next
        (local.set $s
          (i32.load16_u
            (i32.add
              (i32.add (local.get $table) (i32.shl (local.get $s) (i32.const 8)))
              (i32.load (i32.shl (i32.load8_u (local.get $p)) (i32.const 2))))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br_if $next (i32.lt_u (local.get $p) (local.get $end)))))
    (local.get $s))

  ;; Every hit in bytes [$in, $in + $len), from the root state, in four streams when the text is long
  ;; enough; returns the end of the hits written from $out (each stream's in order of position).
  (func (export "scan") (param $table i32) (param $first i32) (param $in i32) (param $len i32) (param $warmBytes i32) (param $out i32) (result i32)
    (local $quarter i32) (local $a i32) (local $b i32) (local $c i32) (local $d i32) (local $stop i32)
    (local $sa i32) (local $sb i32) (local $sc i32) (local $sd i32)
    (local.set $quarter (i32.shr_u (local.get $len) (i32.const 2)))
    (if (i32.lt_u (local.get $quarter) (i32.add (local.get $warmBytes) (i32.const 64)))
      (then (return (call $run (local.get $in) (i32.add (local.get $in) (local.get $len)) (i32.const 0) (local.get $table) (local.get $first) (local.get $out)))))
    (local.set $a (local.get $in))
    (local.set $b (i32.add (local.get $a) (local.get $quarter)))
    (local.set $c (i32.add (local.get $b) (local.get $quarter)))
    (local.set $d (i32.add (local.get $c) (local.get $quarter)))
    (local.set $stop (local.get $b))
    (local.set $sb (call $warm (i32.sub (local.get $b) (local.get $warmBytes)) (local.get $b) (local.get $table)))
    (local.set $sc (call $warm (i32.sub (local.get $c) (local.get $warmBytes)) (local.get $c) (local.get $table)))
    (local.set $sd (call $warm (i32.sub (local.get $d) (local.get $warmBytes)) (local.get $d) (local.get $table)))
    (loop $next
      (local.set $sa
        (i32.load16_u (i32.add (i32.add (local.get $table) (i32.shl (local.get $sa) (i32.const 8))) (i32.load (i32.shl (i32.load8_u (local.get $a)) (i32.const 2))))))
      (local.set $sb
        (i32.load16_u (i32.add (i32.add (local.get $table) (i32.shl (local.get $sb) (i32.const 8))) (i32.load (i32.shl (i32.load8_u (local.get $b)) (i32.const 2))))))
      (local.set $sc
        (i32.load16_u (i32.add (i32.add (local.get $table) (i32.shl (local.get $sc) (i32.const 8))) (i32.load (i32.shl (i32.load8_u (local.get $c)) (i32.const 2))))))
      (local.set $sd
        (i32.load16_u (i32.add (i32.add (local.get $table) (i32.shl (local.get $sd) (i32.const 8))) (i32.load (i32.shl (i32.load8_u (local.get $d)) (i32.const 2))))))
      (if (i32.ge_u (local.get $sa) (local.get $first))
        (then
          (i32.store (local.get $out) (local.get $a))
          (i32.store offset=4 (local.get $out) (local.get $sa))
          (local.set $out (i32.add (local.get $out) (i32.const 8)))))
      (if (i32.ge_u (local.get $sb) (local.get $first))
        (then
          (i32.store (local.get $out) (local.get $b))
          (i32.store offset=4 (local.get $out) (local.get $sb))
          (local.set $out (i32.add (local.get $out) (i32.const 8)))))
      (if (i32.ge_u (local.get $sc) (local.get $first))
        (then
          (i32.store (local.get $out) (local.get $c))
          (i32.store offset=4 (local.get $out) (local.get $sc))
          (local.set $out (i32.add (local.get $out) (i32.const 8)))))
      (if (i32.ge_u (local.get $sd) (local.get $first))
        (then
          (i32.store (local.get $out) (local.get $d))
          (i32.store offset=4 (local.get $out) (local.get $sd))
          (local.set $out (i32.add (local.get $out) (i32.const 8)))))
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (local.set $d (i32.add (local.get $d) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $a) (local.get $stop))))
    ;; The last stream also reads the few bytes the division into quarters left over.
    (call $run (local.get $d) (i32.add (local.get $in) (local.get $len)) (local.get $sd) (local.get $table) (local.get $first) (local.get $out)))

  ;; The number of newline bytes in [$p, $p + $len), sixteen at a time.
  (func (export "newlines") (param $p i32) (param $len i32) (result i32)
    (local $end i32) (local $n i32)
    (local.set $end (i32.add (local.get $p) (local.get $len)))
    (block $done
      (loop $next
        (br_if $done (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $end)))
        (local.set $n
          (i32.add (local.get $n)
            (i32.popcnt (i8x16.bitmask (i8x16.eq (v128.load (local.get $p)) (i8x16.splat (i32.const 10)))))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $next)))
    (block $tail
      (loop $next
        (br_if $tail (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $n (i32.add (local.get $n) (i32.eq (i32.load8_u (local.get $p)) (i32.const 10))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $next)))
    (local.get $n))
)
