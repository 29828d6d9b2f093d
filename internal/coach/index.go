package coach

import (
	"context"
	"database/sql"
	"math"
	"strings"
	"sync"
	"time"

	"github.com/afterward/afterward/internal/errs"
	"github.com/afterward/afterward/internal/store"
)

// directoryIndex keeps what a search reads per published coach in memory.
// Reading and scoring every matching row per search cost 0.6 s over 50,000
// profiles (issue 17's profile: the SQL scan, LIKE scoring and time
// parsing); matching in memory costs milliseconds. It is current by
// construction: each search reads directory_version, which a trigger bumps
// on every change to coach_profiles, and a changed version rebuilds the
// index before the search runs — on any server, as the counter is in the
// database.
type directoryIndex struct {
	mu      sync.Mutex
	version int64
	snap    snapshot
	loaded  bool
	// building is closed when the rebuild in progress ends (nil: none).
	building chan struct{}
	// matches caches which entries match a text, and their relevance, for
	// the current version: popular searches repeat, and matching is the
	// scan over every profile's text. Cleared by each rebuild.
	matches map[string]*textMatch
}

type match struct {
	entry int32
	score int32
}

// maxCachedTexts bounds the text cache; when full it starts over.
const maxCachedTexts = 256

// indexEntry holds no pointers, and neither does the snapshot's text: the
// collector does not scan them. With strings and *time.Time per entry the
// index was 18 MB of pointers over 50,000 profiles, marked again by every
// collection under the server's soft memory limit (issue 17's profile:
// half the directory page's CPU was the collector).
type indexEntry struct {
	id, tags, fee int64
	// until and next are Unix nanoseconds, set when hasUntil / hasNext.
	until, next       int64
	hasUntil, hasNext bool
	sliding           bool
	verified          bool
	// search is the normalised " token token … " text; name and headline
	// are normalised too, for relevance. Spans of the snapshot's text.
	search, name, headline span
}

// span is a substring of a snapshot's text.
type span struct{ off, end int32 }

// textMatch is which entries match a text, as a list with relevance (in
// entry order) and as a bitset.
type textMatch struct {
	list []match
	set  bitset
}

// snapshot is one directory version: the entries in id order and their
// facet bitsets.
type snapshot struct {
	entries []indexEntry
	text    string // every entry's search, name and headline
	sets    *facetSets
}

func (s *snapshot) str(sp span) string { return s.text[sp.off:sp.end] }

// search returns the total, the ids of the first n results in the query's
// order and the facet counts (by facetOptions, then option).
func (ix *directoryIndex) search(ctx context.Context, db *store.DB, terms []string, q Query, now time.Time, n int) (int, []int64, [][]int, error) {
	snap, text, err := ix.matching(ctx, db, terms)
	if err != nil {
		return 0, nil, nil, err
	}
	total, page, counts := snap.sets.pageOf(snap.entries, text, q, now, n)
	ids := make([]int64, len(page))
	for i, idx := range page {
		ids[i] = snap.entries[idx].id
	}
	return total, ids, counts, nil
}

// matching returns the current snapshot and the entries matching terms.
func (ix *directoryIndex) matching(ctx context.Context, db *store.DB, terms []string) (snapshot, *textMatch, error) {
	snap, err := ix.current(ctx, db)
	if err != nil {
		return snapshot{}, nil, err
	}
	if len(terms) == 0 {
		return snap, &textMatch{set: snap.sets.all}, nil
	}
	key := strings.Join(terms, " ")
	ix.mu.Lock()
	cached, ok := ix.matches[key]
	same := ix.snap.sets == snap.sets
	ix.mu.Unlock()
	if ok && same {
		return snap, cached, nil
	}
	pats := termPatterns(terms)
	found := &textMatch{set: newBitset(len(snap.entries))}
	for i := range snap.entries {
		if e := &snap.entries[i]; matchesTerms(snap.str(e.search), pats) {
			found.list = append(found.list, match{entry: int32(i), score: int32(relevance(snap.str(e.name), snap.str(e.headline), pats))})
			found.set.set(i)
		}
	}
	ix.mu.Lock()
	if ix.snap.sets == snap.sets {
		if len(ix.matches) >= maxCachedTexts || ix.matches == nil {
			ix.matches = map[string]*textMatch{}
		}
		ix.matches[key] = found
	}
	ix.mu.Unlock()
	return snap, found, nil
}

// termPatterns are the substrings that find each term in the stored
// " word word " form: a whole word, and the last term as a word prefix
// (the full-text queries ask the same).
func termPatterns(terms []string) []string {
	pats := make([]string, len(terms))
	for i, t := range terms {
		pats[i] = " " + t + " "
		if i == len(terms)-1 {
			pats[i] = " " + t
		}
	}
	return pats
}

// matchesTerms is the full-text query in memory: every pattern found.
func matchesTerms(search string, pats []string) bool {
	for _, p := range pats {
		if !strings.Contains(search, p) {
			return false
		}
	}
	return true
}

// relevance is the SQL search's score in memory: per term, 3 when it
// starts a word of the name and 2 when it starts a word of the headline.
func relevance(name, headline string, pats []string) int {
	score := 0
	for _, p := range pats {
		if strings.Contains(name, p) {
			score += 3
		}
		if strings.Contains(headline, p) {
			score += 2
		}
	}
	return score
}

// current returns the index for the database's directory version,
// rebuilding it (once, however many searches wait) when it changed.
func (ix *directoryIndex) current(ctx context.Context, db *store.DB) (snapshot, error) {
	for {
		var version int64
		if err := db.Reader().QueryRow(ctx, `SELECT n FROM directory_version WHERE id = 1`).Scan(&version); err != nil {
			return snapshot{}, errs.Wrap(err, "reading the directory version")
		}
		ix.mu.Lock()
		if ix.loaded && ix.version >= version {
			snap := ix.snap
			ix.mu.Unlock()
			return snap, nil
		}
		if wait := ix.building; wait != nil {
			ix.mu.Unlock()
			select {
			case <-wait:
				continue
			case <-ctx.Done():
				return snapshot{}, ctx.Err()
			}
		}
		done := make(chan struct{})
		ix.building = done
		ix.mu.Unlock()
		err := ix.rebuild(ctx, db)
		ix.mu.Lock()
		ix.building = nil
		ix.mu.Unlock()
		close(done)
		if err != nil {
			return snapshot{}, err
		}
	}
}

// rebuild reads the version and the published profiles in one snapshot.
func (ix *directoryIndex) rebuild(ctx context.Context, db *store.DB) error {
	var version int64
	var entries []indexEntry
	var text strings.Builder
	add := func(b []byte) span {
		off := int32(text.Len())
		text.Write(b)
		text.WriteByte(' ')
		return span{off, int32(text.Len())}
	}
	err := db.InReadTx(ctx, func(tx *store.Tx) error {
		if err := tx.QueryRow(ctx, `SELECT n FROM directory_version WHERE id = 1`).Scan(&version); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT user_id, tags, fee_minor, sliding_spots, verified, verified_until, next_open_at,
			search_text, name_text, headline_text FROM coach_profiles WHERE status = 'published' ORDER BY user_id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e indexEntry
			var spots int
			var until, next sql.NullTime
			var search, name, headline sql.RawBytes
			if err := rows.Scan(&e.id, &e.tags, &e.fee, &spots, &e.verified, &until, &next, &search, &name, &headline); err != nil {
				return err
			}
			if text.Len() > math.MaxInt32-len(search)-len(name)-len(headline)-3 {
				return errs.E(errs.Internal, "the directory's text is too large for the index")
			}
			e.sliding = spots > 0
			e.search, e.name, e.headline = add(search), add(name), add(headline)
			e.until, e.hasUntil = until.Time.UnixNano(), until.Valid
			e.next, e.hasNext = next.Time.UnixNano(), next.Valid
			entries = append(entries, e)
		}
		return rows.Err()
	})
	if err != nil {
		return errs.Wrap(err, "loading the directory")
	}
	snap := snapshot{entries: entries, text: text.String(), sets: buildFacetSets(entries)}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if !ix.loaded || version > ix.version {
		ix.version, ix.snap, ix.loaded, ix.matches = version, snap, true, nil
	}
	return nil
}
