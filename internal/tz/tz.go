// Package tz loads time zones once. time.LoadLocation reads and parses the
// zone file from disk on every call; pages that format dozens of times in
// the viewer's zone spent a third of their CPU there (coach dashboard
// profile, issue 17).
package tz

import (
	"sync"
	"time"
)

// zones memoizes time.LoadLocation: a *time.Location is immutable, and the
// set of zone names in use is small (users pick from the IANA list).
var zones sync.Map // name → *time.Location

// Load is time.LoadLocation, cached. Unknown names are not cached, so a
// stream of bad names cannot grow the cache.
func Load(name string) (*time.Location, error) {
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location), nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, err
	}
	zones.Store(name, loc)
	return loc, nil
}
