// Command genoutcomes writes a synthetic outcomes CSV (the input of
// `afterward outcomes analyze`) to standard output, for fixtures and demos.
//
//	go run ./scripts/genoutcomes -clients 200 -seed 1 > balanced.csv
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/afterward/afterward/internal/measure"
	"github.com/afterward/afterward/internal/outcome"
)

func main() {
	opt := outcome.GenOptions{}
	flag.Uint64Var(&opt.Seed, "seed", 1, "random seed")
	flag.IntVar(&opt.Clients, "clients", 200, "number of clients")
	flag.Float64Var(&opt.LostRate, "lost", 0.15, "share of rows lost to follow-up")
	flag.Float64Var(&opt.DoseEffect, "dose-effect", 0.7, "log-odds effect of high dose on maintaining")
	flag.Parse()
	rules, err := rulesFromInstruments()
	if err == nil {
		err = outcome.WriteCSV(os.Stdout, outcome.GenerateRows(opt, rules))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "genoutcomes:", err)
		os.Exit(1)
	}
}

// rulesFromInstruments takes thresholds from the shipped instruments that
// record an MCID, as `afterward outcomes analyze` does.
func rulesFromInstruments() (map[string]outcome.Rule, error) {
	reg, err := measure.Builtin()
	if err != nil {
		return nil, err
	}
	rules := map[string]outcome.Rule{}
	for _, id := range reg.IDs() {
		def, _ := reg.Lookup(id)
		if mcid, ok := measure.MCIDValue(def); ok && def.RemissionBelow != nil {
			rules[id] = outcome.Rule{Min: float64(def.Scoring.Total.Min), Max: float64(def.Scoring.Total.Max),
				MCID: mcid, RemissionBelow: float64(*def.RemissionBelow)}
		}
	}
	return rules, nil
}
