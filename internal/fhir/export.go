package fhir

import (
	"context"
	"time"

	"github.com/afterward/afterward/internal/store"
)

// Contributor adds one domain's resources for a client to the bundle.
type Contributor interface {
	ContributeFHIR(ctx context.Context, tx *store.Tx, clientID int64, b *Builder) error
}

// Exporter builds a client's bundle from every contributor, in one
// transaction so the bundle is a consistent snapshot. Callers authorize and
// audit the export.
type Exporter struct {
	Base         string
	Now          func() time.Time
	Contributors []Contributor
}

// Export returns the client's bundle as JSON.
func (e *Exporter) Export(ctx context.Context, tx *store.Tx, clientID int64) ([]byte, error) {
	b := NewBuilder(e.Base, clientID, e.Now())
	for _, c := range e.Contributors {
		if err := c.ContributeFHIR(ctx, tx, clientID, b); err != nil {
			return nil, err
		}
	}
	return b.JSON()
}
