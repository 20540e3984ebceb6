// The wire shape of a lesson (lessons.* calls).
#include "api/WireFields.h"
#include "api/WireFormat.h"

namespace orch::wire {

using fields::Fields;

Json toJson(const Lesson& l)
{
    return {{"id", l.id},
            {"template", toStd(l.templateName)},
            {"tool", toStd(l.tool)},
            {"failure_class", toStd(l.failureClass)},
            {"signature", toStd(l.signature)},
            {"failure", toStd(l.failure)},
            {"fix", toStd(l.fix)},
            {"project_id", toStd(l.projectId)},
            {"run_id", toStd(l.runId)},
            {"created_at", l.createdAt},
            {"updated_at", l.updatedAt},
            {"uses", l.uses},
            {"misses", l.misses},
            {"recoveries", l.recoveries},
            {"dropped_at", l.droppedAt},
            {"edited", l.edited}};
}

Result<Lesson> lessonFrom(const Json& json)
{
    Fields f(json);
    Lesson l;
    l.id = f.integer("id");
    l.templateName = f.text("template");
    l.tool = f.text("tool");
    l.failureClass = f.text("failure_class");
    l.signature = f.text("signature");
    l.failure = f.text("failure");
    l.fix = f.text("fix");
    l.projectId = f.text("project_id");
    l.runId = f.text("run_id");
    l.createdAt = f.integer("created_at");
    l.updatedAt = f.integer("updated_at");
    l.uses = int(f.integer("uses"));
    l.misses = int(f.integer("misses"));
    l.recoveries = int(f.integer("recoveries"));
    l.droppedAt = f.integer("dropped_at");
    l.edited = f.flag("edited");
    return fields::finish(f, l);
}

} // namespace orch::wire
