// Package dates is the one place that decides which dates are plausible.
// A date far outside them is a typo or an attack: year 9999 in a local
// time zone is year 10000 in UTC, which SQLite stores and then cannot
// read back, so one such value made every page that lists it fail.
// Every date a person types is checked here, and the store refuses any
// time past MaxYear whatever path it came by.
package dates

import (
	"fmt"
	"time"
)

// The widest span any date may take: births and past experiences reach
// back to MinYear, plans and expiries forward to MaxYear.
const (
	MinYear = 1900
	MaxYear = 2100
)

// NearYears bounds dates of things that happen in the practice's working
// life — sessions, circles, days off, consents' ends, billing dates — to
// this many years either side of now.
const NearYears = 5

// Plausible reports whether t lies within MinYear to MaxYear.
func Plausible(t time.Time) bool {
	y := t.UTC().Year()
	return y >= MinYear && y <= MaxYear
}

// Near reports whether t lies within NearYears of now.
func Near(t, now time.Time) bool {
	return !t.Before(now.AddDate(-NearYears, 0, 0)) && !t.After(now.AddDate(NearYears, 0, 0))
}

// PlausibleMessage is the field message for a date outside Plausible.
var PlausibleMessage = fmt.Sprintf("enter a date between %d and %d", MinYear, MaxYear)

// NearMessage is the field message for a date outside Near.
var NearMessage = fmt.Sprintf("enter a date within %d years of today", NearYears)
