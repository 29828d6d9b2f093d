package web

import (
	"testing"
	"time"
)

func TestZonesLoad(t *testing.T) {
	for _, z := range zones {
		if _, err := time.LoadLocation(z); err != nil {
			t.Errorf("%s: %v", z, err)
		}
	}
	if len(zones) < 300 {
		t.Errorf("%d zones, want the full list", len(zones))
	}
}
