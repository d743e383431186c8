#!/bin/busybox sh
# /init of the vfc Linux guest: Debian's kernel runs this from the initramfs as pid 1.
#
# It loads the virtio-fs stack, mounts the daemon's share and runs a fixed file workload
# against it. Every step prints exactly one marker line on the serial console, which is all
# the Java side (dev.vfc.guest.LinuxGuest) reads:
#
#   VFC-STEP <name> OK [detail]
#   VFC-STEP <name> FAIL <reason>
#   VFC-DONE
#
# The step names and their order are a contract with LinuxGuest.STEPS: change both together.
# Steps use their own files so that one failure does not hide the others; only read-back
# needs create-write's file. Checks run after dropping the guest's caches where that matters,
# so what they see is the daemon's answer, not what the guest remembered.

export PATH=/bin
TAG=@TAG@
MNT=/mnt
BIG_MIB=8

mkdir -p /proc /sys /dev /mnt /tmp
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
# Kernel messages would interleave with the markers; the 'quiet' command line is not enough
# for warnings, so only emergencies reach the console from here on.
echo 1 > /proc/sys/kernel/printk

echo "VFC-START uptime=$(cut -d' ' -f1 /proc/uptime)"

# Modules in dependency order (there is no modules.dep in the initramfs). A module built into
# the kernel is absent from /lib/modules and skipped; LinuxGuestImage decides that at build time.
for m in virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci fuse virtiofs; do
    if [ -f /lib/modules/$m.ko ]; then
        out=$(insmod /lib/modules/$m.ko 2>&1) || echo "VFC-INFO insmod $m failed: $out"
    fi
done

# Seconds since boot with centiseconds, for the time a step took.
now() { cut -d' ' -f1 /proc/uptime; }

# Makes the next check see the daemon: write back dirty data, then forget pages, dentries
# and inodes, so contents are READ again and names LOOKUP'd again.
fresh() { sync; echo 3 > /proc/sys/vm/drop_caches; }

# step NAME FUNCTION: runs FUNCTION in a subshell, its output (stdout and stderr, lines joined
# with "; ") becomes the detail; exit status 0 is OK. Without a mounted share only 'mount' runs.
mounted=no
step() {
    name=$1
    if [ "$mounted" != yes ] && [ "$name" != mount ]; then
        echo "VFC-STEP $name FAIL the share is not mounted"
        return
    fi
    t0=$(now)
    detail=$($2 2>&1)
    rc=$?
    detail=$(echo "$detail" | awk 'NF { printf "%s%s", sep, $0; sep = "; " }')
    took=$(awk "BEGIN { printf \"%.2f\", $(now) - $t0 }")
    if [ $rc -eq 0 ]; then
        echo "VFC-STEP $name OK ${detail:+$detail }(${took} s)"
    else
        echo "VFC-STEP $name FAIL ${detail:-exit status $rc} (${took} s)"
    fi
}

# Fails the current step with a reason (steps run in subshells, so exit ends only the step).
die() { echo "$*"; exit 1; }

s_mount() {
    mount -t virtiofs "$TAG" "$MNT" || die "mount -t virtiofs $TAG $MNT failed"
    grep -q " $MNT virtiofs " /proc/mounts || die "$MNT is not a virtiofs mount: $(grep " $MNT " /proc/mounts)"
}

# An 8 MiB file of random bytes. Its sha256 is noted in the detail so that read-back and the
# Java side (which hashes the host's copy) can compare against it.
s_create_write() {
    out=$(dd if=/dev/urandom of=$MNT/big.bin bs=1048576 count=$BIG_MIB 2>&1) || die "dd failed: $out"
    sync
    size=$(stat -c %s $MNT/big.bin)
    [ "$size" = $((BIG_MIB * 1048576)) ] || die "size $size after writing $BIG_MIB MiB"
    sum=$(sha256sum $MNT/big.bin | cut -d' ' -f1)
    echo "$sum" > /tmp/big.sha256
    echo "sha256=$sum"
}

# The same file after the guest forgot it: every byte comes back through FUSE_READ.
s_read_back() {
    [ -s /tmp/big.sha256 ] || die "create-write left nothing to read"
    fresh
    sum=$(sha256sum $MNT/big.bin | cut -d' ' -f1)
    [ "$sum" = "$(cat /tmp/big.sha256)" ] || die "sha256=$sum differs from the written $(cat /tmp/big.sha256)"
    echo "sha256=$sum"
}

s_mkdir() {
    mkdir $MNT/dir || die "mkdir failed"
    fresh
    [ -d $MNT/dir ] || die "$MNT/dir is not a directory after mkdir"
}

# Within a directory and into another one; the old names must be gone, the content kept.
s_rename() {
    echo renamed > $MNT/rename-a || die "create failed"
    mkdir $MNT/rename-dir || die "mkdir failed"
    mv $MNT/rename-a $MNT/rename-b || die "rename in place failed"
    mv $MNT/rename-b $MNT/rename-dir/rename-c || die "rename into a directory failed"
    fresh
    [ ! -e $MNT/rename-a ] && [ ! -e $MNT/rename-b ] || die "an old name still exists"
    [ "$(cat $MNT/rename-dir/rename-c)" = renamed ] || die "content after rename: $(cat $MNT/rename-dir/rename-c)"
}

s_symlink() {
    ln -s some/where/else $MNT/link || die "symlink failed"
    fresh
    [ -L $MNT/link ] || die "$MNT/link is not a symbolic link"
    target=$(readlink $MNT/link)
    [ "$target" = some/where/else ] || die "readlink gave '$target'"
}

s_hard_link() {
    echo linked > $MNT/hard-a || die "create failed"
    ln $MNT/hard-a $MNT/hard-b || die "link failed"
    fresh
    n=$(stat -c %h $MNT/hard-a)
    [ "$n" = 2 ] || die "link count $n, expected 2"
    [ "$(stat -c %i $MNT/hard-a)" = "$(stat -c %i $MNT/hard-b)" ] || die "the two names have different inodes"
    [ "$(cat $MNT/hard-b)" = linked ] || die "content through the second name differs"
}

s_chmod() {
    echo x > $MNT/mode || die "create failed"
    chmod 640 $MNT/mode || die "chmod failed"
    fresh
    mode=$(stat -c %a $MNT/mode)
    [ "$mode" = 640 ] || die "mode $mode after chmod 640"
}

# Shrinks a 100,000-byte file, then grows it; the grown tail must read as zeros.
s_truncate() {
    out=$(dd if=/dev/urandom of=$MNT/trunc bs=1000 count=100 2>&1) || die "create failed: $out"
    truncate -s 4096 $MNT/trunc || die "truncate to 4096 failed"
    fresh
    size=$(stat -c %s $MNT/trunc)
    [ "$size" = 4096 ] || die "size $size after truncate to 4096"
    truncate -s 65536 $MNT/trunc || die "truncate to 65536 failed"
    fresh
    size=$(stat -c %s $MNT/trunc)
    [ "$size" = 65536 ] || die "size $size after truncate to 65536"
    nonzero=$(dd if=$MNT/trunc bs=4096 skip=1 2>/dev/null | tr -d '\000' | wc -c)
    [ "$nonzero" = 0 ] || die "$nonzero non-zero bytes in the grown part"
}

s_unlink() {
    echo gone > $MNT/victim || die "create failed"
    rm $MNT/victim || die "unlink failed"
    fresh
    [ ! -e $MNT/victim ] || die "$MNT/victim still exists"
    ls -a $MNT | grep -qx victim && die "readdir still lists victim"
    true
}

s_rmdir() {
    mkdir $MNT/empty || die "mkdir failed"
    rmdir $MNT/empty || die "rmdir failed"
    fresh
    [ ! -e $MNT/empty ] || die "$MNT/empty still exists"
}

# 1,000 names take several READDIR replies, so the offsets a daemon hands out must resume
# correctly; a wrong count means lost or repeated entries.
s_readdir_1000() {
    mkdir $MNT/many || die "mkdir failed"
    i=0
    while [ $i -lt 1000 ]; do
        : > $MNT/many/file-$i || die "create of file-$i failed"
        i=$((i + 1))
    done
    fresh
    count=$(ls -A $MNT/many | wc -l)
    unique=$(ls -A $MNT/many | sort -u | wc -l)
    [ "$count" = 1000 ] && [ "$unique" = 1000 ] || die "readdir listed $count entries ($unique distinct), expected 1000"
    rm -r $MNT/many || die "removing the 1000 files failed"
    [ ! -e $MNT/many ] || die "$MNT/many still exists after rm -r"
    echo "1000 entries"
}

step mount s_mount
grep -q " $MNT virtiofs " /proc/mounts && mounted=yes
step create-write s_create_write
step read-back s_read_back
step mkdir s_mkdir
step rename s_rename
step symlink s_symlink
step hard-link s_hard_link
step chmod s_chmod
step truncate s_truncate
step unlink s_unlink
step rmdir s_rmdir
step readdir-1000 s_readdir_1000

# Unmount so the daemon sees the guest let go before the machine stops. A daemon that hangs
# here leaves the run without VFC-DONE, after all its steps were reported.
if [ "$mounted" = yes ]; then
    echo "VFC-INFO unmounting $MNT"
    sync
    umount $MNT || echo "VFC-INFO umount $MNT failed"
fi
echo VFC-DONE
poweroff -f
