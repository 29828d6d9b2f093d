package measure

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
)

//go:embed instruments/*.json
var builtin embed.FS

// Registry is a set of validated definitions keyed by id. It is built at
// start-up; afterwards only the licence switch changes it, copy-on-write
// under a lock, so a definition a caller holds never changes under it.
type Registry struct {
	mu   sync.RWMutex
	defs map[string]*Definition
}

// Builtin loads the definitions shipped with Afterward.
func Builtin() (*Registry, error) {
	r := &Registry{defs: map[string]*Definition{}}
	if err := r.addFS(builtin, "instruments"); err != nil {
		return nil, err
	}
	return r, nil
}

// AddDir adds every *.json definition in dir of fsys (a practice's own
// instruments). A definition may not reuse an id already loaded.
func (r *Registry) AddDir(fsys fs.FS, dir string) error {
	return r.addFS(fsys, dir)
}

func (r *Registry) addFS(fsys fs.FS, dir string) error {
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
		def, err := Parse(data)
		if err != nil {
			return fmt.Errorf("measure: %s: %w", name, err)
		}
		if _, dup := r.defs[def.ID]; dup {
			return fmt.Errorf("measure: %s: instrument id %q is already defined", name, def.ID)
		}
		r.defs[def.ID] = def
	}
	return nil
}

// Parse decodes and validates one definition. Unknown fields are errors so
// that a typo in a practice's file is caught rather than silently ignored.
func Parse(data []byte) (*Definition, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var def Definition
	if err := dec.Decode(&def); err != nil {
		return nil, fmt.Errorf("invalid definition JSON: %w", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("invalid definition JSON: content after the definition")
	}
	if err := Validate(&def); err != nil {
		return nil, err
	}
	return &def, nil
}

// Lookup finds a definition by id; ids are lower case, lookup ignores case.
func (r *Registry) Lookup(id string) (*Definition, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	def, ok := r.defs[strings.ToLower(id)]
	return def, ok
}

// IDs lists the loaded ids in order.
func (r *Registry) IDs() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	ids := make([]string, 0, len(r.defs))
	for id := range r.defs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Enable switches on a licence-gated instrument: the deployment confirms it
// holds permission. Instruments without item wording stay unusable for
// administration until wording is supplied (see Supply), but can be scored
// when their scoring is known.
func (r *Registry) Enable(id string) error { return r.setEnabled(id, true) }

// Disable switches a licence-gated instrument off again.
func (r *Registry) Disable(id string) error { return r.setEnabled(id, false) }

func (r *Registry) setEnabled(id string, on bool) error {
	return r.replace(id, func(def *Definition) error {
		def.Enabled = on
		return nil
	})
}

// replace edits a copy of a definition and swaps it in.
func (r *Registry) replace(id string, edit func(*Definition) error) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	old, ok := r.defs[strings.ToLower(id)]
	if !ok {
		return fmt.Errorf("measure: unknown instrument %q", id)
	}
	def := *old
	if err := edit(&def); err != nil {
		return err
	}
	r.defs[def.ID] = &def
	return nil
}
