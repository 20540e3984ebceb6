# What makes the build fast on a 2-core machine (measured; see CONTRIBUTING.md, "Build speed"):
# - unity builds for the project's libraries and programs: their files share the parsing of
#   the Qt, nlohmann_json and spdlog headers (16 files of engine/deploy: 116 s apart, 24 s as
#   one unity file). Each file still compiles on its own elsewhere (check_format, clangd).
# - tests compiled without optimisation (-O0: tst_runner.cpp 20 s -> 13 s); the engine they
#   test keeps -O2.
# - line tables only as debug information (-g1) in RelWithDebInfo: backtraces keep file and
#   line, objects shrink to a quarter, links get faster. ORCH_FULL_DEBUG_INFO=ON for gdb.
# - the gold linker where binutils has it: a test links in 0.35 s instead of 1.0 s, and one
#   engine file touched relinks every test.
# Precompiled headers were measured too and left out: GCC's header for these libraries is
# 200 MB, and loading it costs as much as the parsing it saves.
option(ORCH_UNITY_BUILD "Unity builds for the project's libraries and programs" ON)
option(ORCH_FULL_DEBUG_INFO "Full debug information in RelWithDebInfo (-g instead of -g1)" OFF)
set(ORCH_UNITY_BATCH_SIZE 16 CACHE STRING "Files per unity translation unit")

find_program(ORCH_GOLD_LINKER ld.gold)
if(ORCH_GOLD_LINKER)
    add_link_options(-fuse-ld=gold)
endif()

if(NOT ORCH_FULL_DEBUG_INFO)
    string(REPLACE "-g" "-g1" CMAKE_CXX_FLAGS_RELWITHDEBINFO "${CMAKE_CXX_FLAGS_RELWITHDEBINFO}")
endif()

# Every library and executable below `dir`, recursively.
function(orch_collect_targets dir out)
    get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
    get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
    foreach(subdir ${subdirs})
        orch_collect_targets(${subdir} more)
        list(APPEND targets ${more})
    endforeach()
    set(${out} ${targets} PARENT_SCOPE)
endfunction()

# Unity builds for the project's own libraries and programs with more than one file; Qt's
# generated QML plugin targets and the tests (one file each) are left as they are.
function(orch_unity_builds)
    if(NOT ORCH_UNITY_BUILD)
        return()
    endif()
    orch_collect_targets(${PROJECT_SOURCE_DIR} targets)
    foreach(target ${targets})
        get_target_property(type ${target} TYPE)
        get_target_property(source_dir ${target} SOURCE_DIR)
        if(NOT type MATCHES "STATIC_LIBRARY|EXECUTABLE"
           OR target MATCHES "plugin$|plugin_init$|_qmlcache$|_resources_[0-9]+$|_tooling$"
           OR source_dir MATCHES "/tests/(unit|integration|ui|bench)$")
            continue()
        endif()
        set_target_properties(${target} PROPERTIES UNITY_BUILD ON
                              UNITY_BUILD_BATCH_SIZE ${ORCH_UNITY_BATCH_SIZE})
    endforeach()
endfunction()
