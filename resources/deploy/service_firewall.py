"""A deployed service's network fence, part of service_host.py (deploy.yml and teardown.yml
run the two files as one program). Kernel programs on the service's cgroup (cgroup v2
sock_addr hooks: TCP and UDP connect, UDP send) refuse, with EPERM, every connection to this
machine's own addresses (loopback, 0.0.0.0, ::, and each address of its interfaces) except to
the ports a service uses here: DNS, Caddy's public ports, its own, and a bot's Bot API relay.
So a service reaches neither another service's port, nor the orchestrator's remote API, nor
a database on loopback; the internet stays open. Loading them takes root (CAP_BPF and
CAP_NET_ADMIN); without it the service runs unfenced and its deploy says so."""
import ctypes
import os
import platform
import struct
import sys

BPF_SYSCALL = {"x86_64": 321, "aarch64": 280}
BPF_PROG_LOAD, BPF_OBJ_PIN, BPF_PROG_ATTACH = 5, 6, 8
CGROUP_SOCK_ADDR = 18  # enum bpf_prog_type
HOOKS = {"connect4": 10, "connect6": 11, "sendmsg4": 14, "sendmsg6": 15}  # enum bpf_attach_type
# struct bpf_sock_addr: user_ip4 at 4, user_ip6[4] at 8, user_port at 24 (network byte order)
IP4, IP6, PORT = 4, 8, 24
# Instruction codes: 32-bit loads and jumps (addresses are 32-bit words; JMP32 compares them
# without sign extension), 64-bit moves.
LOAD32, AND32, MOVE, MOVE_REG, EXIT = 0x61, 0x54, 0xb7, 0xbf, 0x95
JUMP, JUMP_EQ32, JUMP_NE32 = 0x05, 0x16, 0x56
PERMITTED_PORTS = (53,)  # the resolver (systemd-resolved answers on 127.0.0.53)
CGROUP2_MOUNT = "/run/codegen-orchestrator/cgroup2"
BPF_FS = "/sys/fs/bpf"


def word(raw):
    """Four bytes as the program sees them in a 32-bit load, as a signed immediate."""
    value = int.from_bytes(raw, sys.byteorder)
    return value - (1 << 32) if value >= 1 << 31 else value


class Program:
    """A straight-line program with forward jumps to labels."""

    def __init__(self):
        self.code, self.labels = [], {}

    def emit(self, code, dst=0, src=0, offset=0, immediate=0, target=None):
        self.code.append((code, dst, src, offset, immediate, target))

    def label(self, name):
        self.labels[name] = len(self.code)

    def verdict(self, allowed):
        self.emit(MOVE, 0, immediate=1 if allowed else 0)
        self.emit(EXIT)

    def encoded(self):
        out = b""
        for index, (code, dst, src, offset, immediate, target) in enumerate(self.code):
            if target is not None:
                offset = self.labels[target] - index - 1
            out += struct.pack("<BBhi", code, dst | src << 4, offset, immediate)
        return out


def is_local_v4(program, register, scratch, addresses):
    """Jumps to "local" when the IPv4 word in REGISTER is loopback, 0.0.0.0/8 or this host's."""
    program.emit(MOVE_REG, scratch, register)
    program.emit(AND32, scratch, immediate=word(b"\xff\0\0\0"))
    program.emit(JUMP_EQ32, scratch, immediate=word(b"\x7f\0\0\0"), target="local")
    program.emit(JUMP_EQ32, scratch, immediate=0, target="local")
    for address in addresses:
        program.emit(JUMP_EQ32, register, immediate=word(address), target="local")


def fence_program(family, addresses, ports):
    """The program for one hook: 1 (go on) unless the destination is this host on a port
    outside PORTS, 0 (EPERM) then."""
    program = Program()
    port_register = 6
    if family == 4:
        program.emit(LOAD32, 2, 1, IP4)
        program.emit(LOAD32, port_register, 1, PORT)
        is_local_v4(program, 2, 3, addresses[4])
    else:
        for index in range(4):
            program.emit(LOAD32, 2 + index, 1, IP6 + 4 * index)
        program.emit(LOAD32, port_register, 1, PORT)
        # ::ffff:a.b.c.d reaches a.b.c.d
        program.emit(JUMP_NE32, 2, immediate=0, target="native")
        program.emit(JUMP_NE32, 3, immediate=0, target="native")
        program.emit(JUMP_NE32, 4, immediate=word(b"\0\0\xff\xff"), target="native")
        is_local_v4(program, 5, 7, addresses[4])
        program.emit(JUMP, target="allow")
        program.label("native")
        for number, address in enumerate([bytes(16), bytes(15) + b"\x01"] + addresses[6]):
            following = "next%d" % number
            for index in range(4):
                program.emit(JUMP_NE32, 2 + index,
                             immediate=word(address[4 * index:4 * index + 4]), target=following)
            program.emit(JUMP, target="local")
            program.label(following)
    program.label("allow")
    program.verdict(True)
    program.label("local")
    for port in sorted(set(ports)):
        program.emit(JUMP_EQ32, port_register, immediate=word(struct.pack("!H", port) + b"\0\0"),
                     target="allow")
    program.verdict(False)
    return program.encoded()


def host_addresses():
    """This machine's own addresses, {4: [4 bytes], 6: [16 bytes]}, from /proc."""
    found = {4: [], 6: []}
    try:
        with open("/proc/net/fib_trie", encoding="ascii") as trie:
            last = None
            for line in trie:
                text = line.strip()
                if text.startswith("|-- "):
                    last = text[4:]
                elif text.startswith("/32 host LOCAL") and last:
                    address = bytes(int(part) for part in last.split("."))
                    if address not in found[4]:
                        found[4].append(address)
    except (OSError, ValueError):
        pass
    try:
        with open("/proc/net/if_inet6", encoding="ascii") as table:
            for line in table:
                address = bytes.fromhex(line.split()[0])
                if address not in found[6]:
                    found[6].append(address)
    except (OSError, ValueError, IndexError):
        pass
    return found


def bpf(command, attributes):
    number = BPF_SYSCALL.get(platform.machine())
    if number is None:
        raise OSError(0, "no bpf system call known on " + platform.machine())
    libc = ctypes.CDLL(None, use_errno=True)
    buffer = ctypes.create_string_buffer(attributes, 128)
    result = libc.syscall(number, command, buffer, 128)
    if result < 0:
        error = ctypes.get_errno()
        raise OSError(error, os.strerror(error))
    return result


def load(hook, code):
    instructions = ctypes.create_string_buffer(code, len(code))
    license_text = ctypes.create_string_buffer(b"GPL")
    log = ctypes.create_string_buffer(4096)
    # union bpf_attr for BPF_PROG_LOAD, up to expected_attach_type (the name stays empty)
    attributes = struct.pack("<IIQQIIQII16sII", CGROUP_SOCK_ADDR, len(code) // 8,
                             ctypes.addressof(instructions), ctypes.addressof(license_text), 1,
                             len(log), ctypes.addressof(log), 0, 0, b"", 0, HOOKS[hook])
    try:
        return bpf(BPF_PROG_LOAD, attributes)
    except OSError as error:
        raise OSError(error.errno, "%s: %s %s" % (hook, error.strerror,
                                                  log.value.decode("ascii", "replace")[-300:]))


def cgroup2_folder(name, unified):
    """The service's cgroup NAME in a v2 hierarchy (UNIFIED: the host's, None: one mounted for
    the fences where the host mounts only v1), created; None where there is none to be had."""
    folder = unified
    if folder is None:
        if not os.path.ismount(CGROUP2_MOUNT):
            os.makedirs(CGROUP2_MOUNT, exist_ok=True)
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.mount(b"cgroup2", CGROUP2_MOUNT.encode(), b"cgroup2", 0, None) != 0:
                return None
        folder = os.path.join(CGROUP2_MOUNT, "orch-services", name)
    os.makedirs(folder, exist_ok=True)
    return folder


def fence(name, unified, ports):
    """The fence on the service's cgroup NAME (UNIFIED: its folder in the host's v2 hierarchy,
    None where the host has none): the cgroup.procs file its starter joins, or None where this
    host lets nothing be attached (not root, no cgroup v2 or no BPF)."""
    if os.geteuid() != 0:
        return None
    try:
        folder = cgroup2_folder(name, unified)
        if folder is None:
            return None
        addresses = host_addresses()
        target = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            for hook in HOOKS:
                program = load(hook, fence_program(int(hook[-1]), addresses, ports))
                try:
                    # Flags 0: this program replaces the one a deploy before attached.
                    bpf(BPF_PROG_ATTACH, struct.pack("<IIII", target, program, HOOKS[hook], 0))
                finally:
                    os.close(program)
        finally:
            os.close(target)
    except OSError as error:
        print("no network fence: %s" % error, file=sys.stderr)
        return None
    return os.path.join(folder, "cgroup.procs")


def pinned_fence(name, ports):
    """The fence for a systemd unit: its programs pinned in the BPF filesystem systemd mounts,
    as the unit's BPFProgram= lines (systemd attaches them to the unit's cgroup; see
    systemd.resource-control(5)); "" where they cannot be loaded."""
    if os.geteuid() != 0 or not os.path.ismount(BPF_FS):
        return ""
    lines = ""
    try:
        addresses = host_addresses()
        for hook in HOOKS:
            path = os.path.join(BPF_FS, "orch-%s-%s" % (name, hook))
            if os.path.lexists(path):
                os.remove(path)
            program = load(hook, fence_program(int(hook[-1]), addresses, ports))
            try:
                name_buffer = ctypes.create_string_buffer(path.encode())
                bpf(BPF_OBJ_PIN, struct.pack("<QII", ctypes.addressof(name_buffer), program, 0))
            finally:
                os.close(program)
            lines += "BPFProgram=%s:%s\n" % (hook, path)
    except OSError as error:
        print("no network fence: %s" % error, file=sys.stderr)
        return ""
    return lines


def remove_fence(name):
    """The fence's pins and own cgroup (the host's v2 one goes with the service's limits)."""
    for hook in HOOKS:
        path = os.path.join(BPF_FS, "orch-%s-%s" % (name, hook))
        if os.path.lexists(path):
            os.remove(path)
    try:
        os.rmdir(os.path.join(CGROUP2_MOUNT, "orch-services", name))
    except OSError:
        pass
