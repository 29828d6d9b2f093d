// Package e2e holds end-to-end tests that drive headless Chromium against a
// real server on a real database. It has no code of its own.
package e2e
