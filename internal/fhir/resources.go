package fhir

// Patient is the client.
type Patient struct {
	ResourceType string         `json:"resourceType"`
	ID           string         `json:"id"`
	Identifier   []Identifier   `json:"identifier,omitempty"`
	Active       bool           `json:"active"`
	Name         []HumanName    `json:"name,omitempty"`
	Telecom      []ContactPoint `json:"telecom,omitempty"`
}

func (p Patient) Ref() string { return "Patient/" + p.ID }

// Practitioner is a coach or a clinician.
type Practitioner struct {
	ResourceType string         `json:"resourceType"`
	ID           string         `json:"id"`
	Identifier   []Identifier   `json:"identifier,omitempty"`
	Name         []HumanName    `json:"name,omitempty"`
	Telecom      []ContactPoint `json:"telecom,omitempty"`
}

func (p Practitioner) Ref() string { return "Practitioner/" + p.ID }

// CareTeam is the client's coach and the clinicians they share with.
type CareTeam struct {
	ResourceType string                `json:"resourceType"`
	ID           string                `json:"id"`
	Status       string                `json:"status"`
	Name         string                `json:"name,omitempty"`
	Subject      *Reference            `json:"subject"`
	Participant  []CareTeamParticipant `json:"participant,omitempty"`
}

type CareTeamParticipant struct {
	Role   []CodeableConcept `json:"role,omitempty"`
	Member *Reference        `json:"member,omitempty"`
	Period *Period           `json:"period,omitempty"`
}

func (c CareTeam) Ref() string { return "CareTeam/" + c.ID }

// Consent is a client's permission to share categories with a recipient.
type Consent struct {
	ResourceType string            `json:"resourceType"`
	ID           string            `json:"id"`
	Status       string            `json:"status"`
	Scope        CodeableConcept   `json:"scope"`
	Category     []CodeableConcept `json:"category"`
	Patient      *Reference        `json:"patient"`
	DateTime     string            `json:"dateTime,omitempty"`
	PolicyRule   *CodeableConcept  `json:"policyRule,omitempty"`
	Provision    *Provision        `json:"provision,omitempty"`
}

type Provision struct {
	Type   string            `json:"type,omitempty"`
	Period *Period           `json:"period,omitempty"`
	Actor  []ProvisionActor  `json:"actor,omitempty"`
	Class  []Coding          `json:"class,omitempty"`
	Code   []CodeableConcept `json:"code,omitempty"`
}

type ProvisionActor struct {
	Role      CodeableConcept `json:"role"`
	Reference Reference       `json:"reference"`
}

func (c Consent) Ref() string { return "Consent/" + c.ID }

// Generic is a resource a domain builds as a map (for resource types this
// package does not model), with its type and id.
type Generic map[string]any

func (g Generic) Ref() string { return g["resourceType"].(string) + "/" + g["id"].(string) }
