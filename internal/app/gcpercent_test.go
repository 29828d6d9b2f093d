package app

import "testing"

func TestGCPercentUnderTheMemoryLimit(t *testing.T) {
	tests := []struct {
		name    string
		limitMB int64
		gogc    string
		want    int
	}{
		{"default limit", DefaultConfig().MemoryLimitMB, "", GCPercent},
		{"a larger limit", 512, "", GCPercent},
		{"no limit of Afterward's own", 0, "", 0},
		{"GOGC set by the operator", 140, "100", 0},
		{"GOGC off by the operator", 140, "off", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := gcPercent(tt.limitMB, tt.gogc); got != tt.want {
				t.Errorf("gcPercent(%d, %q) = %d, want %d", tt.limitMB, tt.gogc, got, tt.want)
			}
		})
	}
}
