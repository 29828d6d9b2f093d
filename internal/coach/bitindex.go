package coach

import (
	"cmp"
	"math/bits"
	"slices"
	"sort"
	"time"
)

// A search over 50,000 profiles built one candidate per text match (45,000
// for "integration"), then filtered, counted and sorted them: 7 ms of CPU
// and most of the garbage per request (issue 17's profile). The facets
// now live as bitsets over the profiles in id order, built once per
// directory version: filtering is an AND of a few hundred words, each
// disjunctive facet count a popcount, and the page walks a precomputed
// order until it has its twenty — a request touches the matches' bits,
// not one struct per match.

// bitset has one bit per index entry.
type bitset []uint64

func newBitset(n int) bitset { return make(bitset, (n+63)/64) }

func (b bitset) set(i int)           { b[i>>6] |= 1 << (uint(i) & 63) }
func (b bitset) has(i int) bool      { return b[i>>6]&(1<<(uint(i)&63)) != 0 }
func (b bitset) clone() bitset       { return slices.Clone(b) }
func (b bitset) and(o bitset) bitset { return b.andInto(b, o) }

// andInto stores b AND o in dst (which may be b) and returns it.
func (b bitset) andInto(dst, o bitset) bitset {
	for i := range dst {
		dst[i] = b[i] & o[i]
	}
	return dst
}

func (b bitset) or(o bitset) {
	for i := range b {
		b[i] |= o[i]
	}
}

func (b bitset) count() int {
	n := 0
	for _, w := range b {
		n += bits.OnesCount64(w)
	}
	return n
}

// countAnd is the number of bits set in both.
func (b bitset) countAnd(o bitset) int {
	n := 0
	for i, w := range b {
		n += bits.OnesCount64(w & o[i])
	}
	return n
}

// each calls f with every set index in order until f returns false.
func (b bitset) each(f func(i int) bool) {
	for wi, w := range b {
		for w != 0 {
			if !f(wi<<6 + bits.TrailingZeros64(w)) {
				return
			}
			w &= w - 1
		}
	}
}

// facetSets are one directory version's facet values as bitsets, and the
// orders the sorts walk. The two facets that depend on the time of the
// search (credentials that expire, a slot within 72 hours) keep sorted
// times instead and are resolved per search by binary search.
type facetSets struct {
	n            int
	all          bitset
	tag          [64]bitset // by tag bit (nil: no profile has it)
	fee          []bitset   // by FeeRanges index
	sliding      bitset
	verifiedOpen bitset       // verified without an expiry
	verifiedBy   []timedEntry // verified with an expiry, by expiry
	nextBy       []timedEntry // with a next open slot, by (slot, id)
	byFee        []int32      // every entry by (fee, id)
}

type timedEntry struct {
	at  int64 // Unix nanoseconds
	idx int32
}

// buildFacetSets derives the sets from entries, which are in id order.
func buildFacetSets(entries []indexEntry) *facetSets {
	n := len(entries)
	fs := &facetSets{n: n, all: newBitset(n), sliding: newBitset(n), verifiedOpen: newBitset(n), fee: make([]bitset, len(FeeRanges))}
	for i := range fs.fee {
		fs.fee[i] = newBitset(n)
	}
	fs.byFee = make([]int32, n)
	for i := range entries {
		e := &entries[i]
		fs.all.set(i)
		fs.byFee[i] = int32(i)
		for t := e.tags; t != 0; t &= t - 1 {
			b := bits.TrailingZeros64(uint64(t))
			if fs.tag[b] == nil {
				fs.tag[b] = newBitset(n)
			}
			fs.tag[b].set(i)
		}
		if code := feeCode(e.fee); code >= 0 {
			fs.fee[code].set(i)
		}
		if e.sliding {
			fs.sliding.set(i)
		}
		switch {
		case e.verified && !e.hasUntil:
			fs.verifiedOpen.set(i)
		case e.verified:
			fs.verifiedBy = append(fs.verifiedBy, timedEntry{e.until, int32(i)})
		}
		if e.hasNext {
			fs.nextBy = append(fs.nextBy, timedEntry{e.next, int32(i)})
		}
	}
	byTime := func(a, b timedEntry) int {
		if c := cmp.Compare(a.at, b.at); c != 0 {
			return c
		}
		return int(a.idx) - int(b.idx)
	}
	slices.SortFunc(fs.verifiedBy, byTime)
	slices.SortFunc(fs.nextBy, byTime)
	slices.SortStableFunc(fs.byFee, func(a, b int32) int {
		fa, fb := entries[a].fee, entries[b].fee
		switch {
		case fa < fb:
			return -1
		case fa > fb:
			return 1
		}
		return int(a) - int(b)
	})
	return fs
}

// firstAfter is the position of the first entry of ts later than t
// (strictly, or at or after it when orEqual).
func firstAfter(ts []timedEntry, t time.Time, orEqual bool) int {
	at := t.UnixNano()
	return sort.Search(len(ts), func(i int) bool {
		if orEqual {
			return ts[i].at >= at
		}
		return ts[i].at > at
	})
}

// verifiedAt is who holds verified credentials at now.
func (fs *facetSets) verifiedAt(now time.Time) bitset {
	b := fs.verifiedOpen.clone()
	for _, te := range fs.verifiedBy[firstAfter(fs.verifiedBy, now, false):] {
		b.set(int(te.idx))
	}
	return b
}

// availableAt is who has an open slot from now to now + AvailableWithin.
func (fs *facetSets) availableAt(now time.Time) bitset {
	b := newBitset(fs.n)
	end := now.Add(AvailableWithin).UnixNano()
	for _, te := range fs.nextBy[firstAfter(fs.nextBy, now, true):] {
		if te.at > end {
			break
		}
		b.set(int(te.idx))
	}
	return b
}

// optionSets are the bitsets of one facet's options, in display order.
func (fs *facetSets) optionSets(f TagFacet, now time.Time, verified func() bitset) []bitset {
	out := make([]bitset, len(f.Options))
	switch f.Name {
	case FacetFee:
		copy(out, fs.fee)
	case FacetSliding:
		out[0] = fs.sliding
	case FacetVerified:
		v := verified()
		training := fs.all.clone()
		for i := range training {
			training[i] &^= v[i]
		}
		out[0], out[1] = v, training
	case FacetAvailable:
		out[0] = fs.availableAt(now)
	default:
		for j, o := range f.Options {
			bit, _ := tagBit(f.Name, o.Value)
			out[j] = fs.tag[bits.TrailingZeros64(uint64(bit))]
		}
	}
	for j := range out {
		if out[j] == nil {
			out[j] = newBitset(fs.n) // a value no profile has
		}
	}
	return out
}

// pageOf filters the text's matches by the query's facets, counts every
// facet value disjunctively (a facet's counts apply every other facet's
// filters but not its own) and returns the total and the index entries
// of the first n results in the query's order.
func (fs *facetSets) pageOf(entries []indexEntry, text *textMatch, q Query, now time.Time, n int) (int, []int32, [][]int) {
	var verified bitset
	verifiedOnce := func() bitset {
		if verified == nil {
			verified = fs.verifiedAt(now)
		}
		return verified
	}
	opts := facetOptions()
	sets := make([][]bitset, len(opts))
	selected := make([]bitset, len(opts)) // nil: facet not filtered
	matched := text.set.clone()
	for i, f := range opts {
		sets[i] = fs.optionSets(f, now, verifiedOnce)
		chosen := q.Filters[f.Name]
		if len(chosen) == 0 {
			continue
		}
		sel := newBitset(fs.n)
		for j, o := range f.Options {
			if slices.Contains(chosen, o.Value) {
				sel.or(sets[i][j])
			}
		}
		selected[i] = sel
		matched.and(sel)
	}
	counts := make([][]int, len(opts))
	scratch := newBitset(fs.n)
	for i := range opts {
		base := matched
		if selected[i] != nil {
			base = text.set.andInto(scratch, text.set)
			for k, sel := range selected {
				if k != i && sel != nil {
					base.and(sel)
				}
			}
		}
		counts[i] = make([]int, len(sets[i]))
		for j, s := range sets[i] {
			counts[i][j] = base.countAnd(s)
		}
	}
	return matched.count(), fs.first(entries, text, matched, q.Sort, now, n), counts
}

// first is the first n of matched in the sort's order, ties by id (the
// entries' order).
func (fs *facetSets) first(entries []indexEntry, text *textMatch, matched bitset, order string, now time.Time, n int) []int32 {
	out := make([]int32, 0, n)
	take := func(i int) bool {
		out = append(out, int32(i))
		return len(out) < n
	}
	if n <= 0 {
		return out
	}
	switch {
	case order == SortFee:
		for _, i := range fs.byFee {
			if matched.has(int(i)) && !take(int(i)) {
				break
			}
		}
	case order == SortAvailability:
		// Known future slots earliest first, then the rest (no slot, or
		// a passed one not refreshed yet) by id.
		for _, te := range fs.nextBy[firstAfter(fs.nextBy, now, true):] {
			if matched.has(int(te.idx)) && !take(int(te.idx)) {
				return out
			}
		}
		at := now.UnixNano()
		matched.each(func(i int) bool {
			if e := &entries[i]; e.hasNext && e.next >= at {
				return true
			}
			return take(i)
		})
	case len(text.list) == 0:
		matched.each(take) // no text: every score is equal
	default:
		// Highest score first; within a score, the first n in id order.
		var byScore [][]int32
		for _, m := range text.list {
			if !matched.has(int(m.entry)) {
				continue
			}
			for int(m.score) >= len(byScore) {
				byScore = append(byScore, nil)
			}
			if l := byScore[m.score]; len(l) < n {
				byScore[m.score] = append(l, m.entry)
			}
		}
		for s := len(byScore) - 1; s >= 0 && len(out) < n; s-- {
			for _, i := range byScore[s] {
				if !take(int(i)) {
					break
				}
			}
		}
	}
	return out
}
