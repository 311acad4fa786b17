"""Settings from the environment (GUIDEWISE_*), nested by stage, each with a description."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir
from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class RoutingSettings(BaseModel):
    min_topic_score: float = Field(default=4.0, description="Below this name-match score no topic is chosen.")
    strong_topic_score: float = Field(default=20.0, description="A name match this strong needs no coverage check.")
    min_topic_coverage: float = Field(default=0.25, description="Share of the question's own words a name match "
                                      "must account for, so a passing mention does not route.")
    condition_bonus: float = Field(default=12.0, description="Score added to a topic that covers the question's "
                                   "main condition.")
    background_bonus: float = Field(default=4.0, description="Score added for a background condition ('with CKD').")
    symptom_bonus: float = Field(default=3.0, description="Score added for a symptom the topic covers.")
    drug_bonus: float = Field(default=4.0, description="Score added for a medicine the topic recommends "
                              "(half as much again when only that topic uses it).")


class DoseSettings(BaseModel):
    paediatric: bool = Field(
        default=False, description="Check children's doses by weight and age, with age limits and liquid "
        "strengths (GUIDEWISE_DOSE__PAEDIATRIC=true). Off until an independent clinical review signs it off; "
        "the adult labelled-maximum check is always on.")


class TriageSettings(BaseModel):
    learned: bool = Field(default=True, description="Ask the learned triage model for a second opinion when no "
                          "urgent rule matches (GUIDEWISE_TRIAGE__LEARNED=false: rules only).")
    threshold: float | None = Field(default=None, ge=0, le=1, description="Probability at which the learned "
                                    "model raises the banner, named or not; default: the two set on the validation authors.")
    min_share: float = Field(default=0.15, ge=0, le=1, description="The learned model names an emergency only "
                             "when it takes at least this share among emergencies; else the banner is generic, and "
                             "raised only at the model's higher generic threshold.")


class RetrievalSettings(BaseModel):
    min_literature_score: float = Field(default=0.45, description="Minimum normalised literature relevance to answer.")
    dense: bool = Field(default=False, description="Use dense (MiniLM) retrieval too; needs the embeddings extra.")
    top_k: int = Field(default=10, description="Passages retrieved per literature query.")


class ServerSettings(BaseModel):
    host: str = Field(default="127.0.0.1", description="Interface `guidewise serve` binds to.")
    port: int = Field(default=8000, description="Port `guidewise serve` listens on.")
    secret_key: str | None = Field(default=None, description="Signs session cookies; generated and kept in HOME if unset.")
    secure_cookies: bool = Field(default=False, description="Mark cookies Secure (set when served over HTTPS).")
    ask_rate_per_minute: int = Field(default=120, description="Per-client limit for /api/v1/ask.")
    login_rate_per_minute: int = Field(default=10, description="Per-client limit for login attempts.")


class Settings(BaseSettings):
    """guidewise settings. Environment: GUIDEWISE_HOME, GUIDEWISE_DATABASE_URL, GUIDEWISE_RETRIEVAL__DENSE…"""

    model_config = SettingsConfigDict(env_prefix="GUIDEWISE_", env_nested_delimiter="__", extra="ignore")

    home: Path = Field(default_factory=lambda: Path(user_data_dir("guidewise")),
                       description="Where the database, indexes and caches live.")
    database_url: str | None = Field(default=None, description="SQLAlchemy URL; default is SQLite in HOME.")
    library_dirs: list[Path] = Field(default_factory=list, description="Extra topic directories beside the bundled one.")
    entity_cache_dir: Path | None = Field(
        default=None, description="Where the compiled drug and condition vocabulary lives; default HOME/cache.")
    mesh_tree: Path | None = Field(
        default=None, description="An NLM MeSH tree file (tree number, descriptor id, heading): when given, "
        "recognised conditions carry their verified MeSH descriptor id.")
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    routing: RoutingSettings = Field(default_factory=RoutingSettings)
    dose: DoseSettings = Field(default_factory=DoseSettings)
    triage: TriageSettings = Field(default_factory=TriageSettings)
    server: ServerSettings = Field(default_factory=ServerSettings)

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.home / 'guidewise.db'}"

    @property
    def index_dir(self) -> Path:
        return self.home / "index"

    @property
    def cache_dir(self) -> Path:
        return self.home / "cache"

    @property
    def entities_dir(self) -> Path:
        return self.entity_cache_dir or self.cache_dir
