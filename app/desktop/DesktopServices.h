#pragma once
// What the desktop's views get from the program around them: the engine's checks of the
// settings file and the local vault, and the remote token, read without starting an engine.

#include "SettingsController.h"
#include "facade/Engine.h"

namespace orch::desktop {

// `local`: the in-process engine, whose vault keeps keys; null when the desktop talks to a
// remote orchestratord (its secrets live on that server).
ui::SettingsServices settingsServices(Engine* local);

// The in-process engine. A provider whose key cannot be read from the vault (not stored yet,
// or the vault's key file missing) does not stop the desktop: the engine starts without that
// provider and says why, so the first-run banner leads to Settings instead of an exit.
Result<std::unique_ptr<Engine>> createDesktopEngine(EngineOptions options);

// A secret of the local vault, from the database and key file `options` name (defaults as
// the engine's), without starting an engine.
Result<QByteArray> revealLocalSecret(const EngineOptions& options, const QString& handle);

} // namespace orch::desktop
