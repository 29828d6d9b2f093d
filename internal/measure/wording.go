package measure

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
)

// Wording is a licence-gated instrument's licensed parts, supplied by a
// deployment that holds the permission as a data file (the repository
// ships these instruments without their item wording): the items and
// options, and the scoring when it comes with the licence.
type Wording struct {
	ID       string    `json:"id"`
	Preamble string    `json:"preamble,omitempty"`
	Options  []Option  `json:"options,omitempty"`
	Items    []Item    `json:"items"`
	Scoring  *Scoring  `json:"scoring,omitempty"`
	Bands    []Band    `json:"bands,omitempty"`
	Flags    []Flag    `json:"flags,omitempty"`
	Clusters []Cluster `json:"clusters,omitempty"`
}

// Supply merges a wording file into its licence-gated instrument and
// validates the result; an instrument that ships its own wording refuses
// it. The instrument stays disabled until enabled.
func (r *Registry) Supply(w Wording) error {
	return r.replace(w.ID, func(def *Definition) error {
		if !def.RequiresLicence {
			return fmt.Errorf("measure: %s ships its own wording; a wording file is only for licence-gated instruments", def.ID)
		}
		if len(w.Items) != def.ItemCount {
			return fmt.Errorf("measure: wording for %s has %d items, want %d", def.ID, len(w.Items), def.ItemCount)
		}
		merged := *def
		merged.Enabled = false
		merged.Items, merged.Options, merged.WordingNote = w.Items, w.Options, ""
		if w.Preamble != "" {
			merged.Preamble = w.Preamble
		}
		if w.Scoring != nil {
			merged.Scoring, merged.Bands, merged.Flags, merged.Clusters = *w.Scoring, w.Bands, w.Flags, w.Clusters
		}
		if err := Validate(&merged); err != nil {
			return fmt.Errorf("measure: wording for %s: %w", def.ID, err)
		}
		merged.Enabled = def.Enabled
		*def = merged
		return nil
	})
}

// SupplyDir reads every *.json wording file in dir of fsys.
func (r *Registry) SupplyDir(fsys fs.FS, dir string) error {
	names, err := fs.Glob(fsys, path.Join(dir, "*.json"))
	if err != nil {
		return fmt.Errorf("measure: list %s: %w", dir, err)
	}
	sort.Strings(names)
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return fmt.Errorf("measure: read %s: %w", name, err)
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		var w Wording
		if err := dec.Decode(&w); err != nil {
			return fmt.Errorf("measure: %s: invalid wording JSON: %w", name, err)
		}
		if err := r.Supply(w); err != nil {
			return fmt.Errorf("%w (in %s)", err, name)
		}
	}
	return nil
}

// Gated lists the licence-gated instruments in id order.
func (r *Registry) Gated() []*Definition {
	var out []*Definition
	for _, id := range r.IDs() {
		if def, ok := r.Lookup(id); ok && def.RequiresLicence {
			out = append(out, def)
		}
	}
	return out
}
